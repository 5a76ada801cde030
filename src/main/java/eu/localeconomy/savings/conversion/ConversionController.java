package eu.localeconomy.savings.conversion;

import eu.localeconomy.account.AccountPrincipal;
import eu.localeconomy.account.Role;
import eu.localeconomy.job.Jobs;
import eu.localeconomy.savings.programme.Category;
import eu.localeconomy.savings.programme.Programme;
import eu.localeconomy.savings.programme.Programmes;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.Money;
import eu.localeconomy.shared.TenantContext;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import eu.localeconomy.shared.Uuids;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.springframework.http.HttpStatus.FORBIDDEN;
import static org.springframework.http.HttpStatus.NOT_FOUND;

/**
 * Back office, tenant administrators: the conversion of a programme's credit into vouchers. A dry run shows what it
 * would do; the execution, confirmed from a dry run, runs as a job; its report is shown and downloadable.
 */
@Controller
class ConversionController {

    private final Conversions conversions;
    private final Programmes programmes;
    private final Jobs jobs;

    ConversionController(Conversions conversions, Programmes programmes, Jobs jobs) {
        this.conversions = conversions;
        this.programmes = programmes;
        this.jobs = jobs;
    }

    @GetMapping("/t/{slug}/office/programmes/{id}/conversion")
    String page(TenantContext tenant, @PathVariable UUID id, Locale locale, Model model) {
        Programme programme = programme(tenant, id);
        List<Conversion> recent = conversions.recent(tenant.id(), id, 20);
        Optional<Conversion> dryRun = recent.stream().filter(c -> !c.execution()).findFirst();
        Optional<Conversion> execution = recent.stream().filter(Conversion::execution).findFirst();
        Language language = Language.fromLocale(locale).orElse(tenant.defaultLanguage());
        Map<UUID, String> categories = programmes.categories(tenant.id(), id).stream()
                .collect(Collectors.toMap(Category::id, c -> c.name(language), (a, b) -> a));
        model.addAttribute("programme", programme);
        model.addAttribute("categories", categories);
        model.addAttribute("dryRun", dryRun.orElse(null));
        model.addAttribute("execution", execution.orElse(null));
        model.addAttribute("job", execution.map(Conversion::jobId).flatMap(j -> jobs.find(tenant.id(), j)).orElse(null));
        model.addAttribute("allowedToday", conversions.executionAllowedToday(tenant.id(), programme));
        model.addAttribute("history", recent);
        return "savings/conversion/conversion";
    }

    @PostMapping("/t/{slug}/office/programmes/{id}/conversion/dry-run")
    String dryRun(TenantContext tenant, @PathVariable UUID id, @AuthenticationPrincipal AccountPrincipal me,
                  RedirectAttributes redirect) {
        admin(me);
        programme(tenant, id);
        conversions.dryRun(tenant.id(), id, me);
        redirect.addFlashAttribute("notice", "conversion.dryRun.done");
        return "redirect:" + tenant.path() + "/office/programmes/" + id + "/conversion";
    }

    @PostMapping("/t/{slug}/office/programmes/{id}/conversion/execute")
    String execute(TenantContext tenant, @PathVariable UUID id,
                   @RequestParam(name = "dryRun", required = false) String dryRun,
                   @RequestParam(name = "confirm", required = false) String confirm,
                   @AuthenticationPrincipal AccountPrincipal me, RedirectAttributes redirect) {
        admin(me);
        programme(tenant, id);
        try {
            conversions.execute(tenant.id(), id, parse(dryRun), "yes".equals(confirm), me);
            redirect.addFlashAttribute("notice", "conversion.execution.started");
        } catch (ConversionRefusedException refused) {
            redirect.addFlashAttribute("refusal", refused.messageKey());
            // The refusals have at most one argument (a date).
            Object[] arguments = refused.arguments();
            redirect.addFlashAttribute("refusalArgument", arguments.length > 0 ? arguments[0] : null);
        }
        return "redirect:" + tenant.path() + "/office/programmes/" + id + "/conversion";
    }

    /** The reconciliation report of an execution as CSV: figures only, no personal data. */
    @GetMapping("/t/{slug}/office/programmes/{id}/conversion/{conversion}/report.csv")
    ResponseEntity<byte[]> report(TenantContext tenant, @PathVariable UUID id, @PathVariable UUID conversion) {
        Conversion found = conversions.find(tenant.id(), conversion)
                .filter(c -> c.programmeId().equals(id) && c.report() != null)
                .orElseThrow(() -> new ResponseStatusException(NOT_FOUND));
        Conversions.Report r = found.report();
        StringBuilder csv = new StringBuilder("figure,value\r\n");
        line(csv, "cards_converted", Long.toString(r.cardsConverted()));
        line(csv, "cards_at_cap", Long.toString(r.cardsAtCap()));
        line(csv, "credit_before", money(r.creditBeforeCents(), r.currency()));
        line(csv, "credit_converted", money(r.convertedCents(), r.currency()));
        line(csv, "vouchers_before", money(r.voucherBeforeCents(), r.currency()));
        line(csv, "vouchers_after", money(r.voucherAfterCents(), r.currency()));
        line(csv, "credit_left_on_active_cards", money(r.creditLeftCents(), r.currency()));
        line(csv, "ledger_vouchers", money(r.ledgerVoucherCents(), r.currency()));
        line(csv, "ledger_credit", money(r.ledgerCreditCents(), r.currency()));
        line(csv, "vouchers_after_equal_vouchers_before_plus_converted", Boolean.toString(r.vouchersMatch()));
        line(csv, "ledger_equals_balances", Boolean.toString(r.ledgerMatches()));
        line(csv, "currency", r.currency());
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("conversion-" + conversion + ".csv").build().toString())
                .body(csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void line(StringBuilder csv, String figure, String value) {
        csv.append(figure).append(',').append(value).append("\r\n");
    }

    private static String money(long cents, String currency) {
        return new Money(cents, currency).plain();
    }

    /** The path already admits administrators only; the actions say so again, as they move money. */
    private static void admin(AccountPrincipal me) {
        if (me == null || me.role() != Role.TENANT_ADMIN) {
            throw new ResponseStatusException(FORBIDDEN);
        }
    }

    private Programme programme(TenantContext tenant, UUID id) {
        return programmes.find(tenant.id(), id).orElseThrow(() -> new ResponseStatusException(NOT_FOUND));
    }

    private static UUID parse(String id) {
        return Uuids.parse(id).orElse(null);
    }
}
