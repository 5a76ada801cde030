package eu.localeconomy.membership.invoice;

import eu.localeconomy.account.AccountPrincipal;
import eu.localeconomy.account.Role;
import eu.localeconomy.directory.Establishment;
import eu.localeconomy.directory.Establishments;
import eu.localeconomy.membership.extranet.Order;
import eu.localeconomy.membership.extranet.Orders;
import eu.localeconomy.membership.extranet.Professionals;
import eu.localeconomy.shared.ForTenantKind;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.Money;
import eu.localeconomy.shared.TenantContext;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.shared.Uuids;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.springframework.http.HttpStatus.NOT_FOUND;

/**
 * Invoices in the back office (TENANT_ADMIN and FINANCE by the security paths): the list with filters, downloads,
 * invoices blocked for a missing mention with their "Issue" button, the accounting export; pro-formas for staff; and
 * the professional's downloads of their own establishments' invoices and pro-formas (404 otherwise).
 */
@Controller
@ForTenantKind(TenantKind.TOURISM_OFFICE)
class InvoicesController {

    static final int LIST_LIMIT = 200;
    /** An export covers at most this many days (a few accounting years). */
    static final int MAX_EXPORT_DAYS = 3 * 366;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A row of the list. */
    record Row(UUID id, String number, InvoiceDocument.Kind kind, LocalDate issuedOn, String buyer, Money gross,
               UUID orderId) {
    }

    /** An order whose invoice waits, with its establishment's name and the missing mention's label key. */
    record BlockedRow(UUID orderId, String establishment, String mention, Instant blockedAt) {
    }

    private final Invoices invoices;
    private final InvoiceStore store;
    private final AccountingExport export;
    private final Orders orders;
    private final Establishments establishments;
    private final Professionals professionals;
    private final MessageSource messages;
    private final Clock clock;

    InvoicesController(Invoices invoices, InvoiceStore store, AccountingExport export, Orders orders,
                       Establishments establishments, Professionals professionals, MessageSource messages, Clock clock) {
        this.invoices = invoices;
        this.store = store;
        this.export = export;
        this.orders = orders;
        this.establishments = establishments;
        this.professionals = professionals;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping("/t/{slug}/office/invoices")
    String list(TenantContext tenant, @RequestParam(name = "kind", required = false) String kind,
                @RequestParam(name = "from", required = false) String from,
                @RequestParam(name = "to", required = false) String to,
                @RequestParam(name = "q", required = false) String query,
                @RequestHeader(name = "HX-Request", required = false) String htmx,
                @RequestHeader(name = "HX-History-Restore-Request", required = false) String restore,
                HttpServletResponse response, Model model) {
        InvoiceDocument.Kind kindFilter = "INVOICE".equals(kind) ? InvoiceDocument.Kind.INVOICE
                : "CREDIT_NOTE".equals(kind) ? InvoiceDocument.Kind.CREDIT_NOTE : null;
        Optional<LocalDate> fromDate = date(from);
        Optional<LocalDate> toDate = date(to);
        String q = query == null ? "" : query.strip();
        if (q.length() > 60) {
            q = q.substring(0, 60);
        }
        List<Row> rows = store.search(tenant.id(), kindFilter, fromDate.orElse(null), toDate.orElse(null), q, LIST_LIMIT + 1)
                .stream().map(r -> new Row(r.id(), r.number(), r.kind(), r.issuedOn(),
                        JSON.readValue(r.snapshot(), InvoiceContent.class).buyer().name(), r.gross(), r.orderId()))
                .toList();
        model.addAttribute("rows", rows.size() > LIST_LIMIT ? rows.subList(0, LIST_LIMIT) : rows);
        model.addAttribute("more", rows.size() > LIST_LIMIT);
        model.addAttribute("kind", kindFilter == null ? "" : kindFilter.name());
        model.addAttribute("from", fromDate.map(LocalDate::toString).orElse(""));
        model.addAttribute("to", toDate.map(LocalDate::toString).orElse(""));
        model.addAttribute("badDate", (from != null && !from.isBlank() && fromDate.isEmpty())
                || (to != null && !to.isBlank() && toDate.isEmpty()));
        model.addAttribute("q", q);
        response.setHeader("Vary", "HX-Request");
        if (htmx != null && restore == null) {
            return "membership/invoice/invoices :: results";
        }
        List<BlockedRow> blocked = new ArrayList<>();
        for (var b : invoices.blocked(tenant.id())) {
            String name = orders.find(tenant.id(), b.orderId()).flatMap(o -> establishments.find(tenant.id(), o.establishmentId()))
                    .map(Establishment::name).orElse("—");
            blocked.add(new BlockedRow(b.orderId(), name, b.mention().labelKey(), b.blockedAt()));
        }
        model.addAttribute("blocked", blocked);
        return "membership/invoice/invoices";
    }

    @PostMapping("/t/{slug}/office/invoices/issue/{orderId}")
    String issue(TenantContext tenant, @PathVariable String orderId, @AuthenticationPrincipal AccountPrincipal me,
                 RedirectAttributes redirect) {
        UUID order = Uuids.parse(orderId).filter(id -> orders.find(tenant.id(), id).isPresent())
                .orElseThrow(() -> new ResponseStatusException(NOT_FOUND));
        try {
            var issued = invoices.issue(tenant.id(), order, me);
            redirect.addFlashAttribute("notice", "invoice.issued");
            redirect.addFlashAttribute("noticeArgument", issued.number());
        } catch (InvoiceException refused) {
            redirect.addFlashAttribute("issueError", refused.message(messages, LocaleContextHolder.getLocale()));
        }
        return "redirect:" + tenant.path() + "/office/invoices";
    }

    @GetMapping("/t/{slug}/office/invoices/{id}.pdf")
    ResponseEntity<byte[]> officePdf(TenantContext tenant, @PathVariable String id) {
        var document = Uuids.parse(id).flatMap(d -> invoices.document(tenant.id(), d))
                .orElseThrow(() -> new ResponseStatusException(NOT_FOUND));
        return pdf(document.number(), invoices.pdf(tenant.id(), document.id()).orElseThrow());
    }

    @GetMapping("/t/{slug}/office/orders/{id}/pro-forma.pdf")
    ResponseEntity<byte[]> officeProForma(TenantContext tenant, @PathVariable String id) {
        UUID order = Uuids.parse(id).orElseThrow(() -> new ResponseStatusException(NOT_FOUND));
        Language language = orders.language(tenant.id(), order).orElse(Language.FR);
        return pdf("pro-forma", invoices.proForma(tenant.id(), order, language)
                .orElseThrow(() -> new ResponseStatusException(NOT_FOUND)));
    }

    @GetMapping("/t/{slug}/pro/invoices/{id}.pdf")
    ResponseEntity<byte[]> proPdf(TenantContext tenant, @PathVariable String id, @AuthenticationPrincipal AccountPrincipal me) {
        var document = Uuids.parse(id).flatMap(d -> invoices.document(tenant.id(), d))
                .filter(d -> mayActFor(tenant, me, d.orderId()))
                .orElseThrow(() -> new ResponseStatusException(NOT_FOUND));
        return pdf(document.number(), invoices.pdf(tenant.id(), document.id()).orElseThrow());
    }

    @GetMapping("/t/{slug}/pro/orders/{id}/pro-forma.pdf")
    ResponseEntity<byte[]> proProForma(TenantContext tenant, @PathVariable String id, @AuthenticationPrincipal AccountPrincipal me) {
        UUID order = Uuids.parse(id).filter(o -> mayActFor(tenant, me, o))
                .orElseThrow(() -> new ResponseStatusException(NOT_FOUND));
        Language language = Language.fromLocale(LocaleContextHolder.getLocale()).filter(l -> !l.citizenOnly())
                .orElse(Language.FR);
        return pdf("pro-forma", invoices.proForma(tenant.id(), order, language)
                .orElseThrow(() -> new ResponseStatusException(NOT_FOUND)));
    }

    private boolean mayActFor(TenantContext tenant, AccountPrincipal me, UUID orderId) {
        Optional<Order> order = orders.find(tenant.id(), orderId);
        return me != null && me.role() == Role.PROFESSIONAL && order.isPresent()
                && professionals.mayActFor(tenant.id(), me.userId(), order.get().establishmentId());
    }

    @GetMapping("/t/{slug}/office/accounting")
    String accounting(TenantContext tenant, @RequestParam(name = "from", required = false) String from,
                      @RequestParam(name = "to", required = false) String to, Model model) {
        LocalDate today = tenant.today(clock);
        model.addAttribute("from", from == null ? today.withDayOfMonth(1).toString() : from);
        model.addAttribute("to", to == null ? today.toString() : to);
        model.addAttribute("columns", List.of(AccountingExport.HEADER));
        if (from != null || to != null) {
            model.addAttribute("error", periodError(from, to));
        }
        return "membership/invoice/accounting";
    }

    @GetMapping("/t/{slug}/office/accounting/export.csv")
    ModelAndView exportCsv(TenantContext tenant, @RequestParam(name = "from", required = false) String from,
                           @RequestParam(name = "to", required = false) String to, HttpServletResponse response)
            throws IOException {
        if (periodError(from, to) != null) {
            // The page says what is wrong with the period.
            return new ModelAndView("redirect:" + tenant.path() + "/office/accounting?from=" + enc(from) + "&to=" + enc(to));
        }
        LocalDate start = LocalDate.parse(from.strip());
        LocalDate end = LocalDate.parse(to.strip());
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename("comptabilite-" + start + "-" + end + ".csv").build().toString());
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        export.write(tenant.id(), start, end, out);
        out.flush();
        return null;
    }

    private static String enc(String s) {
        return s == null ? "" : java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The message key of what is wrong with a typed period, or null when it is fine. */
    private static String periodError(String from, String to) {
        Optional<LocalDate> start = date(from);
        Optional<LocalDate> end = date(to);
        if (start.isEmpty() || end.isEmpty()) {
            return "invoice.accounting.error.dates";
        }
        if (end.get().isBefore(start.get())) {
            return "invoice.accounting.error.order";
        }
        if (start.get().plusDays(MAX_EXPORT_DAYS).isBefore(end.get())) {
            return "invoice.accounting.error.long";
        }
        return null;
    }

    private static Optional<LocalDate> date(String text) {
        if (text == null || text.isBlank() || text.length() > 10) {
            return Optional.empty();
        }
        try {
            LocalDate date = LocalDate.parse(text.strip());
            return date.getYear() < 1990 || date.getYear() > 2200 ? Optional.empty() : Optional.of(date);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static ResponseEntity<byte[]> pdf(String name, byte[] bytes) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(name.replaceAll("[^A-Za-z0-9_.\\-]", "_") + ".pdf").build().toString())
                .cacheControl(CacheControl.noStore()).body(bytes);
    }
}
