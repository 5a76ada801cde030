package eu.localeconomy.membership.payment;

import eu.localeconomy.audit.AuditLog;
import eu.localeconomy.identifier.CreditorReference;
import eu.localeconomy.identifier.Iban;
import eu.localeconomy.identifier.InvalidIdentifierException;
import eu.localeconomy.membership.catalogue.CampaignId;
import eu.localeconomy.membership.catalogue.Catalogue;
import eu.localeconomy.membership.catalogue.CatalogueAdmin;
import eu.localeconomy.membership.extranet.CheckoutMethods;
import eu.localeconomy.membership.extranet.OrderStatus;
import eu.localeconomy.membership.extranet.Orders;
import eu.localeconomy.membership.extranet.PaymentMethod;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.Money;
import eu.localeconomy.shared.TenantId;
import eu.localeconomy.tenant.Tenant;
import eu.localeconomy.tenant.Tenants;
import org.iban4j.BicUtil;
import org.iban4j.Iban4jException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Payments of membership orders. Each change locks the order row, appends to {@code membership_payment}, updates the
 * order's paid/refunded totals and status in the same transaction, writes the timeline and the audit log, and
 * publishes {@link PaymentRecorded} / {@link OrderPaid} / {@link RefundRecorded} / {@link OrderCancelled}. Retries
 * with the same idempotency key change nothing and return the first result.
 * <p>
 * Status rule: with {@code held} = paid − refunded, an order holding nothing after a refund of everything it received
 * is REFUNDED; otherwise it is PAID when {@code held} covers the amount due, PARTIALLY_PAID when it holds something,
 * AWAITING_PAYMENT when nothing was ever received. A partial refund therefore keeps PAID only while what is left still
 * covers the amount due (refunding an overpayment's surplus), and makes a PAID order PARTIALLY_PAID otherwise.
 */
@Service
public class Payments implements CheckoutMethods {

    static final int MAX_KEY = 200;
    private static final int MAX_CASH_TEXT = 1000;

    private final PaymentStore store;
    private final OrderTimeline timeline;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate nested;
    private final List<PaymentGateway> gateways;
    private final Tenants tenants;
    private final Catalogue catalogue;
    private final CatalogueAdmin catalogueAdmin;
    private final Orders orders;
    private final Clock clock;

    Payments(PaymentStore store, OrderTimeline timeline, AuditLog audit, ApplicationEventPublisher events,
             PlatformTransactionManager transactions, List<PaymentGateway> gateways, Tenants tenants,
             Catalogue catalogue, CatalogueAdmin catalogueAdmin, Orders orders, Clock clock) {
        this.store = store;
        this.timeline = timeline;
        this.audit = audit;
        this.events = events;
        // Nested: inside a caller's transaction (a webhook) a lost race on the idempotency index rolls back to a
        // savepoint and the caller's transaction stays usable to read the winner's row.
        this.nested = new TransactionTemplate(transactions);
        this.nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.gateways = gateways;
        this.tenants = tenants;
        this.catalogue = catalogue;
        this.catalogueAdmin = catalogueAdmin;
        this.orders = orders;
        this.clock = clock;
    }

    // ---- Settings ---------------------------------------------------------------------------------------------

    public PaymentSettings settings(TenantId tenant) {
        return store.settings(tenant).orElse(PaymentSettings.none());
    }

    /** Whether the tenant has saved its payment settings once. */
    public boolean hasSettings(TenantId tenant) {
        return store.settings(tenant).isPresent();
    }

    /** Validates (IBAN with iban4j, BIC, instructions required for each method switched on); PaymentException. */
    public void saveSettings(TenantId tenant, PaymentSettings settings, Actor actor) {
        List<PaymentException> problems = new ArrayList<>();
        PaymentSettings clean = normalise(settings, problems);
        if (!problems.isEmpty()) {
            throw problems.getFirst();
        }
        nested.executeWithoutResult(s -> {
            store.saveSettings(tenant, clean, actor.actorId(), clock.instant());
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("transfer", clean.transferEnabled());
            details.put("cheque", clean.chequeEnabled());
            details.put("cash", clean.cashEnabled());
            details.put("card", clean.cardEnabled());
            details.put("dueDays", clean.dueDays());
            audit.record(actor, tenant, "membership.payment-settings.saved", "membership_payment_settings",
                    tenant.value(), details);
        });
    }

    /** Every problem of the settings, for a form that shows them all at once (empty when they may be saved). */
    public List<PaymentException> problems(PaymentSettings settings) {
        List<PaymentException> problems = new ArrayList<>();
        normalise(settings, problems);
        return problems;
    }

    /** The settings as stored: texts stripped (blank = null), IBAN and BIC compact upper case; problems collected. */
    private static PaymentSettings normalise(PaymentSettings s, List<PaymentException> problems) {
        String holder = text(s.accountHolder(), "accountHolder", 140, problems);
        String iban = null;
        String ibanText = blankToNull(s.iban());
        if (ibanText != null) {
            try {
                iban = Iban.parse(ibanText).value();
            } catch (InvalidIdentifierException e) {
                problems.add(new PaymentException("iban", "paymentSettings.error.iban"));
            }
        }
        String bic = null;
        String bicText = blankToNull(s.bic());
        if (bicText != null) {
            String compact = bicText.replaceAll("\\s", "").toUpperCase(java.util.Locale.ROOT);
            try {
                BicUtil.validate(compact);
                bic = compact;
            } catch (Iban4jException | IllegalArgumentException e) {
                problems.add(new PaymentException("bic", "paymentSettings.error.bic"));
            }
        }
        String payee = text(s.chequePayee(), "chequePayee", 140, problems);
        String address = text(s.chequeAddress(), "chequeAddress", 500, problems);
        Map<Language, String> cash = new EnumMap<>(Language.class);
        if (s.cashInstructions() != null) {
            s.cashInstructions().forEach((language, value) -> {
                String t = text(value, "cash" + Character.toUpperCase(language.code().charAt(0)) + language.code().substring(1),
                        MAX_CASH_TEXT, problems);
                if (t != null) {
                    cash.put(language, t);
                }
            });
        }
        if (s.transferEnabled()) {
            if (holder == null) {
                problems.add(new PaymentException("accountHolder", "paymentSettings.error.accountHolderRequired"));
            }
            if (ibanText == null) {
                problems.add(new PaymentException("iban", "paymentSettings.error.ibanRequired"));
            }
            if (bicText == null) {
                problems.add(new PaymentException("bic", "paymentSettings.error.bicRequired"));
            }
        }
        if (s.chequeEnabled()) {
            if (payee == null) {
                problems.add(new PaymentException("chequePayee", "paymentSettings.error.chequePayeeRequired"));
            }
            if (address == null) {
                problems.add(new PaymentException("chequeAddress", "paymentSettings.error.chequeAddressRequired"));
            }
        }
        if (s.cashEnabled() && cash.isEmpty()) {
            problems.add(new PaymentException("cashFr", "paymentSettings.error.cashRequired"));
        }
        if (s.dueDays() < 0 || s.dueDays() > 365) {
            problems.add(new PaymentException("dueDays", "paymentSettings.error.dueDays"));
        }
        if (!s.transferEnabled() && !s.chequeEnabled() && !s.cashEnabled() && !s.cardEnabled()) {
            problems.add(new PaymentException("transferEnabled", "paymentSettings.error.noMethod"));
        }
        return new PaymentSettings(s.transferEnabled(), holder, iban, bic, s.chequeEnabled(), payee, address,
                s.cashEnabled(), Map.copyOf(cash), s.cardEnabled(), s.dueDays());
    }

    private static String text(String value, String field, int max, List<PaymentException> problems) {
        String t = blankToNull(value);
        if (t != null && t.length() > max) {
            problems.add(new PaymentException(field, "paymentSettings.error.tooLong", max));
            return null;
        }
        return t;
    }

    // ---- Methods offered --------------------------------------------------------------------------------------

    /**
     * The methods a professional may choose for this campaign, in display order: switched on for the tenant, offered
     * by the campaign (all when the campaign names none), and for CARD only when its gateway is ready. A tenant that
     * has saved no settings yet offers all four, as before payments existed.
     */
    @Override
    public Set<PaymentMethod> methodsFor(TenantId tenant, CampaignId campaign) {
        var saved = store.settings(tenant);
        if (saved.isEmpty()) {
            return Collections.unmodifiableSet(EnumSet.allOf(PaymentMethod.class));
        }
        Set<PaymentMethod> methods = enabled(saved.get());
        Set<PaymentMethod> named = store.campaignMethods(tenant, campaign);
        if (!named.isEmpty()) {
            methods.retainAll(named);
        }
        if (methods.contains(PaymentMethod.CARD) && gateway(PaymentMethod.CARD).filter(g -> g.ready(tenant)).isEmpty()) {
            methods.remove(PaymentMethod.CARD);
        }
        return Collections.unmodifiableSet(methods);
    }

    /** The methods the tenant has switched on, in display order. */
    public Set<PaymentMethod> enabledMethods(TenantId tenant) {
        return Collections.unmodifiableSet(enabled(settings(tenant)));
    }

    static Set<PaymentMethod> enabled(PaymentSettings s) {
        Set<PaymentMethod> methods = EnumSet.noneOf(PaymentMethod.class);
        if (s.transferEnabled()) {
            methods.add(PaymentMethod.TRANSFER);
        }
        if (s.chequeEnabled()) {
            methods.add(PaymentMethod.CHEQUE);
        }
        if (s.cashEnabled()) {
            methods.add(PaymentMethod.CASH);
        }
        if (s.cardEnabled()) {
            methods.add(PaymentMethod.CARD);
        }
        return methods;
    }

    /** The methods the campaign names (empty = all the tenant's). */
    public Set<PaymentMethod> campaignMethods(TenantId tenant, CampaignId campaign) {
        return Collections.unmodifiableSet(store.campaignMethods(tenant, campaign));
    }

    public void saveCampaignMethods(TenantId tenant, CampaignId campaign, Set<PaymentMethod> methods, Actor actor) {
        if (catalogue.campaign(tenant, campaign).isEmpty()) {
            throw new PaymentException(null, "campaignMethods.error.unknownCampaign");
        }
        Set<PaymentMethod> chosen = methods == null || methods.isEmpty() ? EnumSet.noneOf(PaymentMethod.class)
                : EnumSet.copyOf(methods);
        nested.executeWithoutResult(s -> {
            store.saveCampaignMethods(tenant, campaign, chosen);
            audit.record(actor, tenant, "membership.campaign.payment-methods.saved", "membership_campaign",
                    campaign.value(), Map.of("methods", chosen.stream().map(Enum::name).toList()));
        });
    }

    // ---- An order's money -------------------------------------------------------------------------------------

    /** The order's money and status; empty when it is not this tenant's. */
    public Optional<OrderAccount> account(TenantId tenant, UUID orderId) {
        return store.order(tenant, orderId).map(o -> new OrderAccount(o.id(), o.campaign(), o.establishment(),
                o.status(), o.method(), o.money(o.grossCents()), o.money(o.paidCents()), o.money(o.refundedCents()),
                o.money(o.balanceCents()), o.dueDate(), o.creditorReference(), store.payments(tenant, orderId)));
    }

    /** How to pay this order, in this language (the order's method, the tenant's settings, what is left to pay). */
    public Optional<PaymentInstructions> instructions(TenantId tenant, UUID orderId, Language language) {
        return store.order(tenant, orderId).map(o -> {
            PaymentSettings s = settings(tenant);
            Money due = o.money(o.balanceCents());
            return switch (o.method()) {
                case TRANSFER -> new PaymentInstructions(o.method(), due, o.dueDate(), s.accountHolder(),
                        s.iban() == null ? null : Iban.parse(s.iban()).formatted(), s.bic(),
                        o.creditorReference() == null ? null : CreditorReference.parse(o.creditorReference()).formatted(),
                        null, null, null);
                case CHEQUE -> new PaymentInstructions(o.method(), due, o.dueDate(), null, null, null, null,
                        s.chequePayee(), s.chequeAddress(), null);
                case CASH -> new PaymentInstructions(o.method(), due, o.dueDate(), null, null, null, null, null, null,
                        cashText(s, language));
                case CARD -> new PaymentInstructions(o.method(), due, o.dueDate(), null, null, null, null, null, null,
                        null);
            };
        });
    }

    private static String cashText(PaymentSettings s, Language language) {
        Map<Language, String> texts = s.cashInstructions();
        for (Language l : List.of(language, Language.FR, Language.EN, Language.NL)) {
            if (texts.get(l) != null) {
                return texts.get(l);
            }
        }
        return texts.values().stream().findFirst().orElse(null);
    }

    /** The day the order is due: placed date + the tenant's due days, as set when the order was placed. */
    public Optional<LocalDate> dueDate(TenantId tenant, UUID orderId) {
        return store.order(tenant, orderId).map(PaymentStore.OrderMoney::dueDate);
    }

    // ---- Payments, refunds, cancellation ----------------------------------------------------------------------

    /**
     * Records a payment: refused (PaymentException) for a cancelled or refunded order, a non-positive amount, a date
     * in the future, or more than the balance unless {@code acceptOverpayment}. Moves the order to PARTIALLY_PAID or
     * PAID. The same idempotency key returns the first record.
     */
    public PaymentRecord record(TenantId tenant, UUID orderId, PaymentEntry entry, Actor actor) {
        String key = requireKey(entry.idempotencyKey());
        if (entry.method() == null) {
            throw new PaymentException("method", "payment.error.method");
        }
        if (entry.amount() == null || entry.amount().cents() <= 0) {
            throw new PaymentException("amount", "payment.error.amountPositive");
        }
        if (entry.receivedOn() == null) {
            throw new PaymentException("receivedOn", "payment.error.date");
        }
        length(entry.reference(), "reference", 140);
        length(entry.chequeNumber(), "chequeNumber", 40);
        length(entry.externalId(), "externalId", 255);
        return idempotent(tenant, orderId, key, () -> recordLocked(tenant, orderId, entry, key, actor));
    }

    private PaymentRecord recordLocked(TenantId tenant, UUID orderId, PaymentEntry entry, String key, Actor actor) {
        var order = store.lock(tenant, orderId).orElseThrow(() -> new PaymentException(null, "payment.error.unknownOrder"));
        // Behind the lock: a retry of the same request finds the first one's row.
        var same = store.byKey(tenant, key);
        if (same.isPresent()) {
            return sameOrder(same.get(), orderId);
        }
        if (order.status() == OrderStatus.CANCELLED || order.status() == OrderStatus.REFUNDED) {
            throw new PaymentException(null, "payment.error.closed");
        }
        if (!order.currency().equals(entry.amount().currency())) {
            throw new PaymentException("amount", "payment.error.currency");
        }
        if (entry.receivedOn().isAfter(today(tenant))) {
            throw new PaymentException("receivedOn", "payment.error.future");
        }
        long amount = entry.amount().cents();
        long balance = order.balanceCents();
        if (amount > balance && !entry.acceptOverpayment()) {
            throw new PaymentException("amount", "payment.error.overpayment", order.money(balance));
        }
        long overpaid = Math.max(0, amount - balance);
        Instant now = now();
        var payment = new PaymentRecord(UUID.randomUUID(), orderId, PaymentKind.PAYMENT, entry.method(), entry.amount(),
                order.money(overpaid), entry.receivedOn(), blankToNull(entry.reference()),
                blankToNull(entry.chequeNumber()), blankToNull(entry.externalId()), null, null, actor.actorId(), now);
        store.insert(tenant, payment, key);
        long paid = Math.addExact(order.paidCents(), amount);
        OrderStatus after = status(order.grossCents(), paid, order.refundedCents());
        store.updateMoney(tenant, orderId, paid, order.refundedCents(), after, after != order.status(), now);

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("paymentId", payment.id().toString());
        details.put("method", entry.method().name());
        details.put("amountCents", amount);
        details.put("currency", order.currency());
        details.put("receivedOn", entry.receivedOn().toString());
        if (overpaid > 0) {
            details.put("overpaidCents", overpaid);
        }
        timeline.record(tenant, orderId, "payment.recorded", actor, details);
        audit.record(actor, tenant, "membership.payment.recorded", "membership_order", orderId, details);
        statusChanged(tenant, orderId, order.status(), after, actor);
        events.publishEvent(new PaymentRecorded(tenant, orderId, payment.id(), entry.method(), entry.amount(), after));
        if (after == OrderStatus.PAID && order.status() != OrderStatus.PAID) {
            events.publishEvent(new OrderPaid(tenant, orderId, order.campaign(), order.establishment(), entry.receivedOn()));
        }
        return payment;
    }

    /**
     * Records a refund of (part of) a payment, through the method's gateway when it has one. Refused for more than
     * what that payment still holds. When everything received is given back the order becomes REFUNDED.
     */
    public PaymentRecord refund(TenantId tenant, UUID orderId, RefundEntry entry, Actor actor) {
        String key = requireKey(entry.idempotencyKey());
        if (entry.paymentId() == null) {
            throw new PaymentException("paymentId", "orderRefund.error.payment");
        }
        if (entry.amount() == null || entry.amount().cents() <= 0) {
            throw new PaymentException("amount", "payment.error.amountPositive");
        }
        if (entry.refundedOn() == null) {
            throw new PaymentException("refundedOn", "payment.error.date");
        }
        length(entry.reference(), "reference", 140);
        length(entry.reason(), "reason", 500);
        return idempotent(tenant, orderId, key, () -> refundLocked(tenant, orderId, entry, key, actor));
    }

    private PaymentRecord refundLocked(TenantId tenant, UUID orderId, RefundEntry entry, String key, Actor actor) {
        var order = store.lock(tenant, orderId).orElseThrow(() -> new PaymentException(null, "payment.error.unknownOrder"));
        var same = store.byKey(tenant, key);
        if (same.isPresent()) {
            return sameOrder(same.get(), orderId);
        }
        var payment = store.payment(tenant, entry.paymentId())
                .filter(p -> p.orderId().equals(orderId) && p.kind() == PaymentKind.PAYMENT)
                .orElseThrow(() -> new PaymentException("paymentId", "orderRefund.error.payment"));
        if (!payment.amount().currency().equals(entry.amount().currency())) {
            throw new PaymentException("amount", "payment.error.currency");
        }
        if (entry.refundedOn().isAfter(today(tenant))) {
            throw new PaymentException("refundedOn", "payment.error.future");
        }
        long left = payment.amount().cents() - store.refundedOf(tenant, payment.id());
        if (entry.amount().cents() > left) {
            throw new PaymentException("amount", "orderRefund.error.tooMuch", order.money(left));
        }
        String externalId = null;
        var gateway = gateway(payment.method());
        if (gateway.isPresent() || payment.method() == PaymentMethod.CARD) {
            // Money taken by a provider goes back through it; its refund id is kept with the entry.
            if (gateway.isEmpty() || !gateway.get().ready(tenant) || payment.externalId() == null) {
                throw new PaymentException(null, "orderRefund.error.providerUnavailable");
            }
            externalId = gateway.get().refund(tenant, orderId, payment.externalId(), entry.amount(), key);
        }
        Instant now = now();
        var refund = new PaymentRecord(UUID.randomUUID(), orderId, PaymentKind.REFUND, payment.method(), entry.amount(),
                order.money(0), entry.refundedOn(), blankToNull(entry.reference()), null, externalId, payment.id(),
                blankToNull(entry.reason()), actor.actorId(), now);
        store.insert(tenant, refund, key);
        long refunded = Math.addExact(order.refundedCents(), entry.amount().cents());
        OrderStatus after = status(order.grossCents(), order.paidCents(), refunded);
        store.updateMoney(tenant, orderId, order.paidCents(), refunded, after, after != order.status(), now);

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("refundId", refund.id().toString());
        details.put("paymentId", payment.id().toString());
        details.put("method", payment.method().name());
        details.put("amountCents", entry.amount().cents());
        details.put("currency", order.currency());
        details.put("refundedOn", entry.refundedOn().toString());
        timeline.record(tenant, orderId, "refund.recorded", actor, details);
        audit.record(actor, tenant, "membership.refund.recorded", "membership_order", orderId, details);
        statusChanged(tenant, orderId, order.status(), after, actor);
        events.publishEvent(new RefundRecorded(tenant, orderId, refund.id(), payment.id(), payment.method(),
                entry.amount(), after));
        return refund;
    }

    /** Cancels an order that has received nothing (refund first otherwise); releases its stock. */
    public void cancel(TenantId tenant, UUID orderId, String reason, Actor actor) {
        String why = blankToNull(reason);
        if (why == null) {
            throw new PaymentException("reason", "orderCancel.error.reason");
        }
        length(why, "reason", 500);
        nested.executeWithoutResult(s -> {
            var order = store.lock(tenant, orderId).orElseThrow(() -> new PaymentException(null, "payment.error.unknownOrder"));
            if (order.status() == OrderStatus.CANCELLED) {
                throw new PaymentException(null, "orderCancel.error.cancelled");
            }
            if (order.heldCents() > 0) {
                throw new PaymentException(null, "orderCancel.error.moneyHeld", order.money(order.heldCents()));
            }
            store.setStatus(tenant, orderId, OrderStatus.CANCELLED, clock.instant());
            releaseStock(tenant, orderId);
            timeline.record(tenant, orderId, "cancelled", actor, Map.of("reason", why));
            audit.record(actor, tenant, "membership.order.cancelled", "membership_order", orderId, Map.of("reason", why));
            statusChanged(tenant, orderId, order.status(), OrderStatus.CANCELLED, actor);
            events.publishEvent(new OrderCancelled(tenant, orderId, why));
        });
    }

    /** Gives back the units of the order's products that have a stock limit (only those took stock when ordered). */
    private void releaseStock(TenantId tenant, UUID orderId) {
        var order = orders.find(tenant, orderId).orElseThrow();
        Map<eu.localeconomy.membership.catalogue.ProductId, Integer> quantities = new LinkedHashMap<>();
        order.lines().stream().filter(l -> l.donation() == null)
                .forEach(l -> quantities.merge(l.productId(), l.quantity(), Integer::sum));
        quantities.forEach((product, quantity) -> {
            boolean limited = catalogueAdmin.product(tenant, product).map(p -> p.form().stockLimit() != null).orElse(false);
            if (limited && quantity > 0) {
                catalogue.releaseStock(tenant, product, quantity);
            }
        });
    }

    // ---- Helpers ----------------------------------------------------------------------------------------------

    static OrderStatus status(long grossCents, long paidCents, long refundedCents) {
        long held = paidCents - refundedCents;
        if (refundedCents > 0 && held <= 0) {
            return OrderStatus.REFUNDED;
        }
        if (held >= grossCents && paidCents > 0) {
            return OrderStatus.PAID;
        }
        return held > 0 ? OrderStatus.PARTIALLY_PAID : OrderStatus.AWAITING_PAYMENT;
    }

    private void statusChanged(TenantId tenant, UUID orderId, OrderStatus before, OrderStatus after, Actor actor) {
        if (before != after) {
            timeline.record(tenant, orderId, "status.changed", actor, Map.of("from", before.name(), "to", after.name()));
        }
    }

    /** Runs the change; the same key seen before (or winning a race meanwhile) gives the first row back. */
    private PaymentRecord idempotent(TenantId tenant, UUID orderId, String key, Supplier<PaymentRecord> change) {
        var first = store.byKey(tenant, key);
        if (first.isPresent()) {
            return sameOrder(first.get(), orderId);
        }
        try {
            return nested.execute(s -> change.get());
        } catch (DuplicateKeyException lost) {
            // Another order's request with the same key committed between our look-up and our insert.
            return store.byKey(tenant, key).map(p -> sameOrder(p, orderId)).orElseThrow(() -> lost);
        }
    }

    private static PaymentRecord sameOrder(PaymentRecord first, UUID orderId) {
        if (!first.orderId().equals(orderId)) {
            throw new PaymentException(null, "payment.error.keyReused");
        }
        return first;
    }

    private Optional<PaymentGateway> gateway(PaymentMethod method) {
        return gateways.stream().filter(g -> g.method() == method).findFirst();
    }

    /** Whether the method's provider can take payments for the tenant now (false for offline methods). */
    public boolean gatewayReady(TenantId tenant, PaymentMethod method) {
        return gateway(method).map(g -> g.ready(tenant)).orElse(false);
    }

    /** At the database's precision, so that a retry returns exactly what the first call did. */
    private Instant now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    LocalDate today(TenantId tenant) {
        ZoneId zone = tenants.findById(tenant).map(Tenant::zone).orElse(ZoneId.of("Europe/Paris"));
        return LocalDate.now(clock.withZone(zone));
    }

    private static String requireKey(String key) {
        if (key == null || key.isBlank() || key.length() > MAX_KEY) {
            throw new PaymentException(null, "payment.error.expired");
        }
        return key;
    }

    private static void length(String value, String field, int max) {
        if (value != null && value.strip().length() > max) {
            throw new PaymentException(field, "payment.error.tooLong", max);
        }
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
