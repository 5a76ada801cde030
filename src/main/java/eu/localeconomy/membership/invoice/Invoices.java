package eu.localeconomy.membership.invoice;

import eu.localeconomy.audit.AuditLog;
import eu.localeconomy.directory.Establishment;
import eu.localeconomy.directory.Establishments;
import eu.localeconomy.membership.catalogue.Campaign;
import eu.localeconomy.membership.catalogue.Catalogue;
import eu.localeconomy.membership.extranet.Order;
import eu.localeconomy.membership.extranet.OrderStatus;
import eu.localeconomy.membership.extranet.Orders;
import eu.localeconomy.membership.invoice.InvoiceContent.Line;
import eu.localeconomy.membership.invoice.InvoiceContent.Party;
import eu.localeconomy.membership.invoice.InvoiceContent.VatLine;
import eu.localeconomy.membership.payment.OrderTimeline;
import eu.localeconomy.membership.payment.Payments;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.Money;
import eu.localeconomy.shared.TenantId;
import eu.localeconomy.tenant.Tenants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Issued invoices and credit notes of orders, as the order pages and the extranet use them. Issuing reacts to
 * events ({@code OrderPlaced} or {@code OrderPaid} per the tenant's setting, {@code RefundRecorded} and
 * {@code OrderCancelled} for credit notes); staff may also issue an order's invoice by hand.
 * <p>
 * An issue builds the document's content, checks every mandatory mention (InvoiceException naming the first one
 * missing, before anything is written), then in one transaction takes the series' next number, draws the PDF, makes
 * it PDF/A-3 with its Factur-X XML and stores both: a failure anywhere gives the number back. The stored bytes are
 * what every later download returns.
 */
@Service
public class Invoices {

    private static final Logger log = LoggerFactory.getLogger(Invoices.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final String SOURCE_INVOICE = "invoice";
    static final String SOURCE_CANCEL = "cancel";

    private final InvoiceStore store;
    private final InvoiceSetup setup;
    private final InvoicePdf pdf;
    private final FacturX facturX;
    private final Orders orders;
    private final Payments payments;
    private final OrderTimeline timeline;
    private final Establishments establishments;
    private final Catalogue catalogue;
    private final Tenants tenants;
    private final AuditLog audit;
    private final MessageSource messages;
    private final Clock clock;
    private final TransactionTemplate ownTransaction;

    Invoices(InvoiceStore store, InvoiceSetup setup, InvoicePdf pdf, FacturX facturX, Orders orders, Payments payments,
             OrderTimeline timeline, Establishments establishments, Catalogue catalogue, Tenants tenants,
             AuditLog audit, MessageSource messages, Clock clock, PlatformTransactionManager transactions) {
        this.store = store;
        this.setup = setup;
        this.pdf = pdf;
        this.facturX = facturX;
        this.orders = orders;
        this.payments = payments;
        this.timeline = timeline;
        this.establishments = establishments;
        this.catalogue = catalogue;
        this.tenants = tenants;
        this.audit = audit;
        this.messages = messages;
        this.clock = clock;
        this.ownTransaction = new TransactionTemplate(transactions);
        // Its own transaction even inside a caller's: a lost race for the same order rolls back only this attempt.
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** The order's invoice and credit notes, oldest first. */
    public List<InvoiceDocument> documentsOf(TenantId tenant, UUID orderId) {
        return store.ofOrder(tenant, orderId).stream().map(InvoiceStore.Row::document).toList();
    }

    /** One issued document of the tenant. */
    public Optional<InvoiceDocument> document(TenantId tenant, UUID documentId) {
        return store.find(tenant, documentId).map(InvoiceStore.Row::document);
    }

    /** The PDF/A-3 with embedded Factur-X of an issued invoice or credit note; empty when not this tenant's. */
    public Optional<byte[]> pdf(TenantId tenant, UUID documentId) {
        return store.pdf(tenant, documentId);
    }

    /** The CII XML embedded in an issued document's PDF. */
    public Optional<String> xml(TenantId tenant, UUID documentId) {
        return store.xml(tenant, documentId);
    }

    /** A pro-forma of the order (not numbered, marked as such, with the payment instructions); empty when unknown. */
    public Optional<byte[]> proForma(TenantId tenant, UUID orderId, Language language) {
        Optional<Order> order = orders.find(tenant, orderId);
        if (order.isEmpty()) {
            return Optional.empty();
        }
        Language shown = language == null || language.citizenOnly() ? Language.FR : language;
        InvoiceContent content = invoiceContent(tenant, order.get(), setup.settings(tenant), shown,
                InvoiceContent.Type.PRO_FORMA, null, today(tenant));
        return Optional.of(pdf.render(content, setup.image(tenant, InvoiceImage.Kind.LOGO).orElse(null),
                setup.image(tenant, InvoiceImage.Kind.BANK_DETAILS).orElse(null)));
    }

    /** Issues the order's invoice now (idempotent: returns the existing one). InvoiceException names a missing mention. */
    public InvoiceDocument issue(TenantId tenant, UUID orderId, Actor actor) {
        var existing = store.bySource(tenant, orderId, SOURCE_INVOICE);
        if (existing.isPresent()) {
            return existing.get().document();
        }
        Order order = orders.find(tenant, orderId).orElseThrow(() -> new InvoiceException(null, "invoice.error.unknownOrder"));
        InvoiceSettings settings = setup.settings(tenant);
        if (order.status() == OrderStatus.CANCELLED) {
            throw new InvoiceException(null, "invoice.error.cancelled");
        }
        Language language = orders.language(tenant, orderId).filter(l -> !l.citizenOnly()).orElse(Language.FR);
        LocalDate today = today(tenant);
        InvoiceContent draft = invoiceContent(tenant, order, settings, language, InvoiceContent.Type.INVOICE, null, today);
        checkComplete(draft);
        try {
            InvoiceDocument issued = ownTransaction.execute(s -> {
                var document = write(tenant, orderId, SOURCE_INVOICE, null, draft, settings, actor);
                store.unblock(tenant, orderId);
                record(tenant, orderId, "invoice.issued", actor, Map.of("documentId", document.id().toString(),
                        "number", document.number(), "grossCents", document.gross().cents()));
                audit.record(actor, tenant, "membership.invoice.issued", "membership_invoice", document.id(),
                        Map.of("order", orderId.toString(), "number", document.number()));
                return document;
            });
            return issued;
        } catch (DuplicateKeyException raced) {
            // Another issue of the same order won: its invoice is the answer, this attempt's number was given back.
            return store.bySource(tenant, orderId, SOURCE_INVOICE).map(InvoiceStore.Row::document).orElseThrow(() -> raced);
        }
    }

    /**
     * Issues the invoice for an event: a missing mention does not fail the caller (the payment stands) but blocks
     * the invoice, shown on the invoices page and the order's timeline until staff fix the settings and issue it.
     */
    Optional<InvoiceDocument> issueForEvent(TenantId tenant, UUID orderId) {
        try {
            return Optional.of(issue(tenant, orderId, Actor.SYSTEM));
        } catch (InvoiceException refused) {
            if (refused.mention() == null) {
                throw refused;
            }
            ownTransaction.executeWithoutResult(s -> {
                store.block(tenant, orderId, refused.mention(), clock.instant());
                record(tenant, orderId, "invoice.blocked", Actor.SYSTEM, Map.of("mention", refused.mention().name()));
            });
            log.info("invoice of order {} blocked: {} missing", orderId, refused.mention());
            return Optional.empty();
        }
    }

    /** Orders whose invoice waits for a mandatory mention, oldest first. */
    List<InvoiceStore.Blocked> blocked(TenantId tenant) {
        return store.blocked(tenant);
    }

    /**
     * Issues a credit note on the order's invoice for {@code gross} (incl. VAT; null = everything not yet credited),
     * once per {@code source} ("refund:&lt;id&gt;", "cancel"). Empty when the order has no invoice (nothing to cancel:
     * a refund before the invoice is issued, e.g. issue at payment, needs no credit note) or nothing is left to credit.
     */
    public Optional<InvoiceDocument> creditNote(TenantId tenant, UUID orderId, String source, Money gross, Actor actor) {
        var existing = store.bySource(tenant, orderId, source);
        if (existing.isPresent()) {
            return Optional.of(existing.get().document());
        }
        var invoiceRow = store.bySource(tenant, orderId, SOURCE_INVOICE);
        if (invoiceRow.isEmpty()) {
            return Optional.empty();
        }
        InvoiceStore.Row invoice = invoiceRow.get();
        long left = invoice.gross().cents() - store.creditedCents(tenant, invoice.id());
        long amount = gross == null ? left : Math.min(gross.cents(), left);
        if (amount <= 0) {
            return Optional.empty();
        }
        InvoiceContent original = JSON.readValue(invoice.snapshot(), InvoiceContent.class);
        InvoiceSettings settings = setup.settings(tenant);
        InvoiceContent draft = creditContent(original, settings, amount, amount == invoice.gross().cents(),
                today(tenant));
        checkComplete(draft);
        try {
            return Optional.of(ownTransaction.execute(s -> {
                var document = write(tenant, orderId, source, invoice.id(), draft, settings, actor);
                record(tenant, orderId, "credit-note.issued", actor, Map.of("documentId", document.id().toString(),
                        "number", document.number(), "grossCents", document.gross().cents(),
                        "invoice", invoice.number()));
                audit.record(actor, tenant, "membership.credit-note.issued", "membership_invoice", document.id(),
                        Map.of("order", orderId.toString(), "number", document.number(), "invoice", invoice.number()));
                return document;
            }));
        } catch (DuplicateKeyException raced) {
            return store.bySource(tenant, orderId, source).map(InvoiceStore.Row::document);
        }
    }

    private void checkComplete(InvoiceContent draft) {
        var missing = draft.missingMention();
        if (missing.isPresent()) {
            throw InvoiceException.missing(missing.get());
        }
        if (draft.texts().regime() == InvoiceSettings.VatRegime.EXEMPT
                && draft.lines().stream().anyMatch(l -> l.vatRateBasisPoints() != 0)) {
            throw new InvoiceException(null, "invoice.error.exemptWithVat");
        }
    }

    /** Number, PDF, Factur-X and the row, in the caller's (new) transaction. */
    private InvoiceDocument write(TenantId tenant, UUID orderId, String source, UUID creditedInvoiceId,
                                  InvoiceContent draft, InvoiceSettings settings, Actor actor) {
        boolean credit = draft.type() == InvoiceContent.Type.CREDIT_NOTE;
        InvoiceDocument.Kind kind = credit ? InvoiceDocument.Kind.CREDIT_NOTE : InvoiceDocument.Kind.INVOICE;
        InvoiceNumberFormat format = InvoiceNumberFormat.parse(credit ? settings.creditNoteFormat() : settings.invoiceFormat(), null);
        String prefix = credit ? settings.creditNotePrefix() : settings.invoicePrefix();
        long counter = store.nextCounter(tenant, kind, format.periodOf(draft.issuedOn()));
        Integer season = orders.find(tenant, orderId).flatMap(o -> catalogue.campaign(tenant, o.campaignId()))
                .map(Campaign::season).orElse(null);
        String number = format.render(prefix, draft.issuedOn(), season, counter);
        InvoiceContent content = withNumber(draft, number);
        byte[] printed = pdf.render(content, setup.image(tenant, InvoiceImage.Kind.LOGO).orElse(null),
                credit ? null : setup.image(tenant, InvoiceImage.Kind.BANK_DETAILS).orElse(null));
        FacturX.Result result = facturX.embed(printed, content);
        String currency = content.currency();
        var row = new InvoiceStore.Row(UUID.randomUUID(), orderId, kind, number, content.issuedOn(), source,
                creditedInvoiceId, new Money(content.netCents(), currency), new Money(content.vatCents(), currency),
                new Money(content.payableCents(), currency), content.dueDate(), content.language().code(),
                JSON.writeValueAsString(content), clock.instant());
        store.insert(tenant, row, currency, content.serviceFrom(), content.serviceTo(), result.pdf(), result.xml(),
                actor == null ? null : actor.actorId());
        return row.document();
    }

    private static InvoiceContent withNumber(InvoiceContent c, String number) {
        return new InvoiceContent(c.type(), number, c.issuedOn(), c.orderReference(), c.language(), c.currency(),
                c.seller(), c.buyer(), c.lines(), c.vat(), c.netCents(), c.vatCents(), c.grossCents(), c.roundingCents(),
                c.dueDate(), c.serviceFrom(), c.serviceTo(), c.creditedNumber(), c.creditedIssuedOn(), c.texts(),
                c.payment());
    }

    /** An invoice's or pro-forma's content from the order, the settings, the directory and the payment instructions. */
    InvoiceContent invoiceContent(TenantId tenant, Order order, InvoiceSettings s, Language language,
                                  InvoiceContent.Type type, String number, LocalDate today) {
        String currency = order.gross().currency();
        List<Line> lines = order.lines().stream().map(l -> new Line(l.code(), l.name(), l.quantity(),
                l.unitPrice().cents(), l.vatRateBasisPoints(), l.net().cents())).toList();
        List<VatLine> vat = order.vatPerRate().stream()
                .map(v -> new VatLine(v.rateBasisPoints(), v.net().cents(), v.vat().cents())).toList();
        Optional<Campaign> campaign = catalogue.campaign(tenant, order.campaignId());
        // A membership is for its season: the service period is that calendar year.
        LocalDate from = campaign.map(c -> LocalDate.of(c.season(), 1, 1)).orElse(null);
        LocalDate to = campaign.map(c -> LocalDate.of(c.season(), 12, 31)).orElse(null);
        LocalDate due = payments.dueDate(tenant, order.id()).orElse(null);
        InvoiceContent.Payment payment = payments.instructions(tenant, order.id(), language).map(p -> new InvoiceContent.Payment(
                p.method().name(), p.amountDue() == null ? order.gross().cents() : p.amountDue().cents(),
                p.accountHolder(), p.iban(), p.bic(), p.creditorReference(), p.chequePayee(), p.chequeAddress(),
                p.cashInstructions())).orElse(null);
        return new InvoiceContent(type, number, today, order.id().toString(), language, currency, seller(s),
                buyer(tenant, order), lines, vat, order.net().cents(), order.vat().cents(), order.gross().cents(), 0,
                due, from, to, null, null, texts(s), payment);
    }

    /** A credit note on {@code original}: its lines mirrored for a full credit, else the amount spread per VAT rate. */
    InvoiceContent creditContent(InvoiceContent original, InvoiceSettings s, long amount, boolean full, LocalDate today) {
        List<Line> lines;
        List<VatLine> vat;
        long rounding = 0;
        if (full) {
            lines = original.lines();
            vat = original.vat();
        } else {
            Spread spread = spread(original.vat(), amount);
            vat = spread.vat();
            rounding = spread.rounding();
            lines = new ArrayList<>();
            for (VatLine v : vat) {
                lines.add(new Line(null, messages.getMessage("invoice.pdf.creditLine", new Object[]{original.number(),
                        InvoicePdf.rate(v.rateBasisPoints(), original.language().locale())},
                        original.language().locale()), 1, v.netCents(), v.rateBasisPoints(), v.netCents()));
            }
        }
        long net = vat.stream().mapToLong(VatLine::netCents).sum();
        long tax = vat.stream().mapToLong(VatLine::vatCents).sum();
        return new InvoiceContent(InvoiceContent.Type.CREDIT_NOTE, null, today, original.orderReference(),
                original.language(), original.currency(), seller(s), original.buyer(), lines, vat, net, tax, net + tax,
                rounding, today, original.serviceFrom(), original.serviceTo(), original.number(), original.issuedOn(),
                texts(s), null);
    }

    record Spread(List<VatLine> vat, long rounding) {
    }

    /**
     * Spreads a gross amount over the invoice's VAT rates pro rata to their gross. Each rate's VAT is computed from its
     * net as EN 16931 does (half-up on the cent); the last rate takes the rounding so the total is exact. When no net
     * of the last rate reaches the exact amount (e.g. 0.03 € at 20 %), the cent left is the rounding amount (BT-114).
     */
    static Spread spread(List<VatLine> invoiceVat, long amount) {
        long total = invoiceVat.stream().mapToLong(v -> v.netCents() + v.vatCents()).sum();
        List<VatLine> out = new ArrayList<>();
        long placed = 0;
        for (int i = 0; i < invoiceVat.size(); i++) {
            VatLine v = invoiceVat.get(i);
            boolean last = i == invoiceVat.size() - 1;
            long target = last ? amount - placed
                    : BigDecimal.valueOf(amount).multiply(BigDecimal.valueOf(v.netCents() + v.vatCents()))
                    .divide(BigDecimal.valueOf(Math.max(total, 1)), 0, RoundingMode.HALF_UP).longValue();
            long net = BigDecimal.valueOf(target).multiply(BigDecimal.valueOf(10_000))
                    .divide(BigDecimal.valueOf(10_000L + v.rateBasisPoints()), 0, RoundingMode.HALF_UP).longValue();
            if (last) {
                long best = net;
                // Closest to the target; on a tie the one below, so the rounding amount is added, never taken.
                for (long candidate = net + 2; candidate >= net - 2; candidate--) {
                    long miss = target - (candidate + vatOf(candidate, v.rateBasisPoints()));
                    long bestMiss = target - (best + vatOf(best, v.rateBasisPoints()));
                    if (candidate >= 0 && (Math.abs(miss) < Math.abs(bestMiss)
                            || (Math.abs(miss) == Math.abs(bestMiss) && miss > 0))) {
                        best = candidate;
                    }
                }
                net = Math.max(best, 0);
            }
            long tax = vatOf(net, v.rateBasisPoints());
            if (net > 0 || tax > 0 || (last && out.isEmpty())) {
                out.add(new VatLine(v.rateBasisPoints(), net, tax));
            }
            placed += net + tax;
        }
        return new Spread(List.copyOf(out), amount - placed);
    }

    static long vatOf(long netCents, int rateBasisPoints) {
        return BigDecimal.valueOf(netCents).multiply(BigDecimal.valueOf(rateBasisPoints))
                .divide(BigDecimal.valueOf(10_000), 0, RoundingMode.HALF_UP).longValue();
    }

    private static Party seller(InvoiceSettings s) {
        return new Party(s.legalName(), null, s.legalForm(), s.street(), s.postcode(), s.city(), s.country(), s.siren(),
                s.siret(), s.apeCode(), s.vatNumber(), s.referentName(), s.referentEmail(), s.referentPhone());
    }

    private static InvoiceContent.Texts texts(InvoiceSettings s) {
        return new InvoiceContent.Texts(s.vatRegime(), s.vatExemptionText(), s.paymentTerms(), s.earlyPaymentText(),
                s.latePenaltyText(), s.recoveryIndemnityText(), s.footer(), s.bankDetails());
    }

    private Party buyer(TenantId tenant, Order order) {
        Optional<Establishment> found = establishments.find(tenant, order.establishmentId());
        if (found.isEmpty()) {
            return new Party(null, null, null, null, null, null, "FR", null, null, null, null, null, null, null);
        }
        var d = found.get().details();
        String siren = d.organisation() == null ? null
                : establishments.findOrganisation(tenant, d.organisation()).map(o -> o.siren()).orElse(null);
        String legal = blankToNull(d.legalName());
        return new Party(legal != null ? legal : d.name(), legal != null ? d.name() : null, null, d.street(),
                d.postcode(), d.city(), d.country() == null ? "FR" : d.country(), siren, blankToNull(d.siret()), null,
                blankToNull(d.vatNumber()), d.contactName(), null, null);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private LocalDate today(TenantId tenant) {
        return LocalDate.now(clock.withZone(zone(tenant)));
    }

    private ZoneId zone(TenantId tenant) {
        return tenants.findById(tenant).map(t -> t.zone()).orElse(ZoneId.of("Europe/Paris"));
    }

    private void record(TenantId tenant, UUID orderId, String kind, Actor actor, Map<String, Object> details) {
        timeline.record(tenant, orderId, kind, actor, new LinkedHashMap<>(details));
    }
}
