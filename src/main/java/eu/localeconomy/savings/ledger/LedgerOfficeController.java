package eu.localeconomy.savings.ledger;

import eu.localeconomy.account.AccountPrincipal;
import eu.localeconomy.account.Role;
import eu.localeconomy.audit.AuditLog;
import eu.localeconomy.savings.card.CardNumber;
import eu.localeconomy.savings.programme.Programme;
import eu.localeconomy.savings.programme.Programmes;
import eu.localeconomy.shared.Money;
import eu.localeconomy.shared.TenantContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.springframework.http.HttpStatus.FORBIDDEN;
import static org.springframework.http.HttpStatus.NOT_FOUND;

/**
 * Back office: the ledger of the current programme proved by its reconciliation, a search over every transaction
 * with totals, and a transaction's detail where finance (TENANT_ADMIN, FINANCE) corrects it with a reason. The
 * helpdesk sees the same pages without the correction form.
 */
@Controller
class LedgerOfficeController {

    static final int PAGE_SIZE = 50;
    static final List<TransactionKind> KINDS = List.of(TransactionKind.values());
    private static final Set<Role> MAY_CORRECT = Set.of(Role.TENANT_ADMIN, Role.FINANCE);

    private final Ledger ledger;
    private final LedgerTransactions transactions;
    private final LedgerReconciliation reconciliation;
    private final Programmes programmes;
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    LedgerOfficeController(Ledger ledger, LedgerTransactions transactions, LedgerReconciliation reconciliation,
                           Programmes programmes, JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.ledger = ledger;
        this.transactions = transactions;
        this.reconciliation = reconciliation;
        this.programmes = programmes;
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /** The search as typed; everything is text, checked here, so that nothing in the address bar fails the page. */
    record Search(String card, String merchant, String kind, String from, String to, String page) {

        int pageIndex() {
            try {
                return page == null ? 0 : Math.min(Math.max(Integer.parseInt(page.strip()), 0), 100_000);
            } catch (NumberFormatException e) {
                return 0;
            }
        }
    }

    /** A correction as typed: amount in euros, the reason, and the key the form was shown with (a resubmit replays). */
    record CorrectionForm(String amount, String reason, String key) {
    }

    record Merchant(UUID id, String name) {
    }

    @GetMapping("/t/{slug}/office/ledger")
    String overview(TenantContext tenant, @AuthenticationPrincipal AccountPrincipal me,
                    @ModelAttribute("search") Search search, Model model) {
        LocalDate today = tenant.today(clock);
        Optional<Programme> programme = programmes.current(tenant.id(), today);
        programme.ifPresent(p -> {
            model.addAttribute("programme", p);
            model.addAttribute("report", reconciliation.reconcile(tenant.id(), p.id()));
        });
        List<Merchant> merchants = jdbc.sql("""
                        select id, business_name from savings_merchant where tenant_id = ? order by lower(business_name)""")
                .param(tenant.id().value()).query((rs, n) -> new Merchant(rs.getObject("id", UUID.class),
                        rs.getString("business_name"))).list();
        model.addAttribute("merchants", merchants);
        model.addAttribute("kinds", KINDS);

        var errors = new BeanPropertyBindingResult(search, "search");
        model.addAttribute(BindingResult.MODEL_KEY_PREFIX + "search", errors);
        LedgerTransactions.Filter filter = filter(tenant, search, merchants, errors);
        if (!errors.hasErrors()) {
            int page = search.pageIndex();
            var totals = transactions.totals(tenant.id(), filter);
            model.addAttribute("totals", totals);
            model.addAttribute("lines", transactions.search(tenant.id(), filter, page * PAGE_SIZE, PAGE_SIZE));
            model.addAttribute("page", page);
            model.addAttribute("hasMore", (long) (page + 1) * PAGE_SIZE < totals.count());
            if (filter.cardId() != null) {
                // A card's movements tell about a household: who looked is kept.
                audit.record(me, tenant.id(), "ledger.card-searched", "savings_card", filter.cardId(), Map.of());
            }
        }
        model.addAttribute("invalid", errors.hasErrors());
        return "savings/ledger/office";
    }

    @GetMapping("/t/{slug}/office/ledger/transactions/{id}")
    String detail(TenantContext tenant, @AuthenticationPrincipal AccountPrincipal me, @PathVariable UUID id,
                  Model model) {
        var line = transactions.find(tenant.id(), id).orElseThrow(() -> new ResponseStatusException(NOT_FOUND));
        audit.record(me, tenant.id(), "ledger.transaction-viewed", "savings_ledger_transaction", id, Map.of());
        var form = new CorrectionForm("", "", "correction-" + UUID.randomUUID());
        return detail(tenant, me, line, form, new BeanPropertyBindingResult(form, "form"), model);
    }

    @PostMapping("/t/{slug}/office/ledger/transactions/{id}/corrections")
    String correct(TenantContext tenant, @AuthenticationPrincipal AccountPrincipal me, @PathVariable UUID id,
                   @ModelAttribute("form") CorrectionForm form, Model model, RedirectAttributes redirect) {
        if (!MAY_CORRECT.contains(me.role())) {
            throw new ResponseStatusException(FORBIDDEN);
        }
        var line = transactions.find(tenant.id(), id).orElseThrow(() -> new ResponseStatusException(NOT_FOUND));
        var errors = new BeanPropertyBindingResult(form, "form");
        Money amount = null;
        if (form.amount() == null || form.amount().isBlank()) {
            errors.rejectValue("amount", "validation.required");
        } else {
            try {
                amount = Money.parse(form.amount().replace("€", "").strip(), tenant.currency());
                if (amount.cents() <= 0) {
                    errors.rejectValue("amount", "ledger.correction.amount.positive");
                }
            } catch (NumberFormatException | ArithmeticException e) {
                errors.rejectValue("amount", "ledger.correction.amount.invalid");
            }
        }
        if (form.reason() == null || form.reason().isBlank()) {
            errors.rejectValue("reason", "ledger.correction.reason.required");
        } else if (form.reason().strip().length() > 500) {
            errors.rejectValue("reason", "validation.tooLong");
        }
        String key = form.key() != null && form.key().matches("correction-[0-9a-f-]{36}") ? form.key()
                : "correction-" + UUID.randomUUID();
        CorrectionForm shown = new CorrectionForm(form.amount(), form.reason(), key);
        if (errors.hasErrors()) {
            return detail(tenant, me, line, shown, errors, model);
        }
        try {
            Receipt receipt = ledger.correct(tenant.id(), me.userId(), id, amount.cents(), form.reason().strip(), key);
            if (!receipt.replayed()) {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("corrects", id.toString());
                details.put("amountCents", receipt.amount().cents());
                details.put("reason", form.reason().strip());
                audit.record(me, tenant.id(), "ledger.corrected", "savings_ledger_transaction",
                        receipt.transactionId(), details);
            }
        } catch (LedgerException e) {
            errors.rejectValue(e.problem() == LedgerProblem.REASON_REQUIRED ? "reason" : "amount",
                    "ledger.problem." + e.problem().code());
            return detail(tenant, me, line, shown, errors, model);
        }
        redirect.addFlashAttribute("notice", "ledger.correction.done");
        return "redirect:" + tenant.path() + "/office/ledger/transactions/" + id;
    }

    private String detail(TenantContext tenant, AccountPrincipal me, LedgerTransactions.Line line, CorrectionForm form,
                          BindingResult errors, Model model) {
        boolean correctable = (line.kind() == TransactionKind.EARN || line.kind() == TransactionKind.REDEEM)
                && line.compensated().cents() < line.amount().cents();
        model.addAttribute("line", line);
        model.addAttribute("compensations", transactions.compensations(tenant.id(), line.id()));
        model.addAttribute("original", line.reversesId() == null ? null
                : transactions.find(tenant.id(), line.reversesId()).orElse(null));
        model.addAttribute("remaining", line.amount().minus(line.compensated()));
        model.addAttribute("correctable", correctable);
        model.addAttribute("mayCorrect", correctable && MAY_CORRECT.contains(me.role()));
        model.addAttribute("form", form);
        model.addAttribute(BindingResult.MODEL_KEY_PREFIX + "form", errors);
        model.addAttribute("position", ledger.position(tenant.id(), line.cardId()).orElse(null));
        return "savings/ledger/transaction";
    }

    private LedgerTransactions.Filter filter(TenantContext tenant, Search search, List<Merchant> merchants,
                                             BindingResult errors) {
        UUID cardId = null;
        if (present(search.card())) {
            Optional<CardNumber> number = CardNumber.parse(search.card());
            if (number.isEmpty()) {
                errors.rejectValue("card", "ledger.search.card.invalid");
            } else {
                cardId = jdbc.sql("select id from savings_card where tenant_id = ? and number = ?")
                        .params(tenant.id().value(), number.get().value()).query(UUID.class).optional().orElse(null);
                if (cardId == null) {
                    errors.rejectValue("card", "ledger.search.card.unknown");
                }
            }
        }
        UUID merchantId = null;
        if (present(search.merchant())) {
            merchantId = merchants.stream().filter(m -> m.id().toString().equals(search.merchant().strip()))
                    .map(Merchant::id).findFirst().orElse(null);
            if (merchantId == null) {
                errors.rejectValue("merchant", "validation.choice");
            }
        }
        Set<TransactionKind> kinds = Set.of();
        if (present(search.kind())) {
            var kind = KINDS.stream().filter(k -> k.name().equals(search.kind().strip())).findFirst();
            if (kind.isEmpty()) {
                errors.rejectValue("kind", "validation.choice");
            } else {
                kinds = Set.of(kind.get());
            }
        }
        LocalDate from = date(errors, "from", search.from());
        LocalDate to = date(errors, "to", search.to());
        if (from != null && to != null && to.isBefore(from)) {
            errors.rejectValue("to", "ledger.search.to.beforeFrom");
        }
        return new LedgerTransactions.Filter(merchantId, cardId, from, to, kinds, null, null);
    }

    private static LocalDate date(BindingResult errors, String field, String typed) {
        if (!present(typed)) {
            return null;
        }
        try {
            return LocalDate.parse(typed.strip());
        } catch (DateTimeParseException e) {
            errors.rejectValue(field, "ledger.search.date.invalid");
            return null;
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
