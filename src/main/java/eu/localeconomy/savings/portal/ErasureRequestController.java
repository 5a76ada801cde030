package eu.localeconomy.savings.portal;

import eu.localeconomy.account.AccountPrincipal;
import eu.localeconomy.audit.AuditLog;
import eu.localeconomy.savings.portal.ErasureRequests.Status;
import eu.localeconomy.shared.TenantContext;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

/** Back office: citizens' erasure requests, for the helpdesk and administrators to handle. */
@Controller
class ErasureRequestController {

    static final int PAGE_SIZE = 25;

    private final ErasureRequests requests;
    private final AuditLog audit;

    ErasureRequestController(ErasureRequests requests, AuditLog audit) {
        this.requests = requests;
        this.audit = audit;
    }

    /** {@code status}: OPEN (default), DONE, REFUSED or ALL; an unknown value shows the open requests. */
    @GetMapping("/t/{slug}/office/erasure-requests")
    String list(TenantContext tenant, @AuthenticationPrincipal AccountPrincipal me,
                @RequestParam(name = "status", defaultValue = "OPEN") String status,
                @RequestParam(name = "page", defaultValue = "0") String page, Model model) {
        Status filter = "ALL".equals(status) ? null : Arrays.stream(Status.values())
                .filter(s -> s.name().equals(status)).findFirst().orElse(Status.OPEN);
        int pageNumber = parsePage(page);
        var rows = requests.list(tenant.id(), filter, pageNumber * PAGE_SIZE, PAGE_SIZE);
        long total = requests.count(tenant.id(), filter);
        // The list shows names and addresses of the people who asked: a view of personal data.
        audit.record(me, tenant.id(), "erasure-requests.viewed", null, null,
                Map.of("status", filter == null ? "ALL" : filter.name(), "results", rows.size()));
        model.addAttribute("rows", rows);
        model.addAttribute("status", filter == null ? "ALL" : filter.name());
        model.addAttribute("statuses", new String[]{"OPEN", "DONE", "REFUSED", "ALL"});
        model.addAttribute("page", pageNumber);
        model.addAttribute("hasNext", (long) (pageNumber + 1) * PAGE_SIZE < total);
        model.addAttribute("total", total);
        return "savings/erasure-requests";
    }

    @PostMapping("/t/{slug}/office/erasure-requests/{id}/decision")
    String decide(TenantContext tenant, @AuthenticationPrincipal AccountPrincipal me, @PathVariable UUID id,
                  @RequestParam(name = "decision", defaultValue = "") String decision,
                  @RequestParam(name = "note", defaultValue = "") String note, RedirectAttributes redirect) {
        String back = "redirect:" + tenant.path() + "/office/erasure-requests";
        Status status = switch (decision) {
            case "DONE" -> Status.DONE;
            case "REFUSED" -> Status.REFUSED;
            default -> null;
        };
        if (status == null) {
            redirect.addFlashAttribute("alert", "erasure.office.decisionInvalid");
            return back;
        }
        if (status == Status.REFUSED && note.isBlank()) {
            redirect.addFlashAttribute("alert", "erasure.office.noteRequired");
            return back;
        }
        if (note.length() > ErasureRequests.MAX_TEXT) {
            redirect.addFlashAttribute("alert", "erasure.office.noteTooLong");
            return back;
        }
        boolean decided = requests.decide(tenant.id(), id, status, note, me);
        redirect.addFlashAttribute(decided ? "notice" : "alert",
                decided ? "erasure.office.decided." + status.name() : "erasure.office.notFound");
        return back;
    }

    private static int parsePage(String page) {
        try {
            return Math.clamp(Integer.parseInt(page.trim()), 0, 100_000);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
