package eu.localeconomy.savings.statement;

import eu.localeconomy.account.AccountPrincipal;
import eu.localeconomy.audit.AuditLog;
import eu.localeconomy.savings.ledger.LedgerTransactions;
import eu.localeconomy.savings.merchant.MerchantDevices;
import eu.localeconomy.savings.merchant.Merchants;
import eu.localeconomy.shared.TenantContext;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.server.ResponseStatusException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.springframework.http.HttpStatus.BAD_REQUEST;
import static org.springframework.http.HttpStatus.FORBIDDEN;

/**
 * Merchant portal: the shop's transactions, filtered by date, kind, device and cashier, with totals (earned vs
 * redeemed, purchases registered, compensations, and what the city owes the shop), page by page; the owner exports
 * them as CSV or XLSX. Cashiers see the list and totals (the "recent transactions of the shop") but not the
 * exports: a file with every card number of the shop is bookkeeping, the owner's business.
 */
@Controller
class MerchantTransactionsController {

    static final int PAGE_SIZE = 50;

    private final LedgerTransactions transactions;
    private final Merchants merchants;
    private final MerchantDevices devices;
    private final StaffNames staff;
    private final StatementExport export;
    private final AuditLog audit;
    private final Clock clock;

    MerchantTransactionsController(LedgerTransactions transactions, Merchants merchants, MerchantDevices devices,
                                   StaffNames staff, StatementExport export, AuditLog audit, Clock clock) {
        this.transactions = transactions;
        this.merchants = merchants;
        this.devices = devices;
        this.staff = staff;
        this.export = export;
        this.audit = audit;
        this.clock = clock;
    }

    /** The merchant whose statement is shown, and the choices its filters offer. */
    private record Shop(Merchants.Membership membership, List<MerchantDevices.Device> devices,
                        List<StaffNames.Person> people) {

        UUID merchantId() {
            return membership.merchantId();
        }

        boolean owner() {
            return membership.role() == Merchants.StaffRole.OWNER;
        }

        Set<UUID> deviceIds() {
            return devices.stream().map(MerchantDevices.Device::id).collect(Collectors.toSet());
        }

        Set<UUID> peopleIds() {
            return people.stream().map(StaffNames.Person::id).collect(Collectors.toSet());
        }
    }

    @GetMapping("/t/{slug}/merchant/transactions")
    String list(TenantContext tenant, @AuthenticationPrincipal AccountPrincipal me,
                @ModelAttribute("query") StatementQuery query, Model model) {
        Shop shop = shop(tenant, me);
        var errors = new BeanPropertyBindingResult(query, "query");
        model.addAttribute(BindingResult.MODEL_KEY_PREFIX + "query", errors);
        model.addAttribute("kinds", StatementQuery.KINDS);
        model.addAttribute("devices", shop.devices());
        model.addAttribute("people", shop.people());
        model.addAttribute("mayExport", shop.owner());
        model.addAttribute("today", tenant.today(clock));
        var filter = query.toFilter(shop.merchantId(), shop.deviceIds(), shop.peopleIds(), errors);
        if (!errors.hasErrors()) {
            int page = query.pageIndex();
            var totals = transactions.totals(tenant.id(), filter);
            model.addAttribute("totals", totals);
            model.addAttribute("lines", transactions.search(tenant.id(), filter, page * PAGE_SIZE, PAGE_SIZE));
            model.addAttribute("page", page);
            model.addAttribute("hasMore", (long) (page + 1) * PAGE_SIZE < totals.count());
        }
        return "savings/statement/transactions";
    }

    @GetMapping("/t/{slug}/merchant/transactions/export.csv")
    void csv(TenantContext tenant, @AuthenticationPrincipal AccountPrincipal me,
             @ModelAttribute("query") StatementQuery query, Locale locale, HttpServletResponse response) throws IOException {
        var filter = exportFilter(tenant, me, query);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, attachment(tenant, "csv"));
        long count = export.csv(tenant.id(), filter, locale, tenant.zone(), response.getOutputStream());
        exported(tenant, me, filter, "csv", count);
    }

    @GetMapping("/t/{slug}/merchant/transactions/export.xlsx")
    void xlsx(TenantContext tenant, @AuthenticationPrincipal AccountPrincipal me,
              @ModelAttribute("query") StatementQuery query, Locale locale, HttpServletResponse response) throws IOException {
        var filter = exportFilter(tenant, me, query);
        response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, attachment(tenant, "xlsx"));
        long count = export.xlsx(tenant.id(), filter, locale, tenant.zone(), response.getOutputStream());
        exported(tenant, me, filter, "xlsx", count);
    }

    private LedgerTransactions.Filter exportFilter(TenantContext tenant, AccountPrincipal me, StatementQuery query) {
        Shop shop = shop(tenant, me);
        if (!shop.owner()) {
            throw new ResponseStatusException(FORBIDDEN);
        }
        var errors = new BeanPropertyBindingResult(query, "query");
        var filter = query.toFilter(shop.merchantId(), shop.deviceIds(), shop.peopleIds(), errors);
        if (errors.hasErrors()) {
            // The export links repeat the filters of a page that showed no error: only a hand-made address gets here.
            throw new ResponseStatusException(BAD_REQUEST);
        }
        return filter;
    }

    private void exported(TenantContext tenant, AccountPrincipal me, LedgerTransactions.Filter filter, String format,
                          long count) {
        audit.record(me, tenant.id(), "merchant.transactions.exported", "savings_merchant", filter.merchantId(),
                Map.of("format", format, "transactions", count,
                        "from", String.valueOf(filter.from()), "to", String.valueOf(filter.to())));
    }

    private String attachment(TenantContext tenant, String extension) {
        String name = "transactions-" + tenant.today(clock) + "." + extension;
        return ContentDisposition.attachment().filename(name, StandardCharsets.UTF_8).build().toString();
    }

    private Shop shop(TenantContext tenant, AccountPrincipal me) {
        // An owner or cashier account not (or no longer) linked to a merchant has no statement to see.
        var membership = merchants.membershipOf(tenant.id(), me.userId())
                .orElseThrow(() -> new ResponseStatusException(FORBIDDEN));
        return new Shop(membership, devices.ofMerchant(tenant.id(), membership.merchantId()),
                staff.ofMerchant(tenant.id(), membership.merchantId()));
    }
}
