package eu.localeconomy.savings.merchant;

import eu.localeconomy.account.AccountPrincipal;
import eu.localeconomy.account.Role;
import eu.localeconomy.audit.AuditLog;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantContext;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.springframework.http.HttpStatus.FORBIDDEN;
import static org.springframework.http.HttpStatus.NOT_FOUND;

/**
 * Back office: the city's list of merchants, a merchant's page and the decisions on it, the CSV import. Finance and
 * helpdesk staff see everything; only a tenant administrator decides (approve, suspend, re-activate, reject, IBAN,
 * invitations, imports).
 */
@Controller
class MerchantOfficeController {

    static final int LIST_LIMIT = 500;

    private final Merchants merchants;
    private final MerchantDevices devices;
    private final MerchantStaff staff;
    private final MerchantApplications applications;
    private final MerchantImport imports;
    private final AuditLog audit;
    private final MessageSource messages;

    MerchantOfficeController(Merchants merchants, MerchantDevices devices, MerchantStaff staff,
                             MerchantApplications applications, MerchantImport imports, AuditLog audit,
                             MessageSource messages) {
        this.messages = messages;
        this.merchants = merchants;
        this.devices = devices;
        this.staff = staff;
        this.applications = applications;
        this.imports = imports;
        this.audit = audit;
    }

    @GetMapping("/t/{slug}/office/merchants")
    String list(TenantContext tenant, @RequestParam(name = "q", required = false) String name,
                @RequestParam(name = "postcode", required = false) String postcode,
                @RequestParam(name = "status", required = false) String status,
                @RequestParam(name = "category", required = false) String category,
                @RequestHeader(name = "HX-Request", required = false) String htmx,
                @RequestHeader(name = "HX-History-Restore-Request", required = false) String restore,
                HttpServletResponse response,
                @AuthenticationPrincipal AccountPrincipal me, Model model) {
        Merchants.Status chosenStatus = parseStatus(status);
        Merchants.Category chosenCategory = MerchantPublicController.parseCategory(category);
        var found = merchants.search(tenant.id(), new Merchants.Search(MerchantPublicController.trim(name, 100),
                MerchantPublicController.trim(postcode, 16), chosenStatus, chosenCategory), LIST_LIMIT + 1);
        model.addAttribute("merchants", found.size() > LIST_LIMIT ? found.subList(0, LIST_LIMIT) : found);
        model.addAttribute("more", found.size() > LIST_LIMIT);
        model.addAttribute("counts", merchants.countsByStatus(tenant.id()));
        model.addAttribute("q", MerchantPublicController.trim(name, 100));
        model.addAttribute("postcode", MerchantPublicController.trim(postcode, 16));
        model.addAttribute("status", chosenStatus == null ? "" : chosenStatus.name());
        model.addAttribute("category", chosenCategory == null ? "" : chosenCategory.name());
        model.addAttribute("statuses", Merchants.Status.values());
        model.addAttribute("categories", Merchants.Category.values());
        model.addAttribute("mayDecide", mayDecide(me));
        // The search pushes its address: a history restore (or a reload) needs the whole page, and caches must
        // keep the two answers apart.
        response.setHeader("Vary", "HX-Request");
        return htmx != null && restore == null ? "savings/merchant/merchants :: results" : "savings/merchant/merchants";
    }

    @GetMapping("/t/{slug}/office/merchants/{id}")
    String show(TenantContext tenant, @PathVariable UUID id, @AuthenticationPrincipal AccountPrincipal me, Model model) {
        var merchant = merchants.details(tenant.id(), id).orElseThrow(() -> new ResponseStatusException(NOT_FOUND));
        // The page shows the contact person and the staff: personal data.
        audit.record(me, tenant.id(), "merchant.viewed", "savings_merchant", id, Map.of());
        model.addAttribute("merchant", merchant);
        model.addAttribute("members", staff.members(tenant.id(), id));
        model.addAttribute("invitations", staff.pending(tenant.id(), id));
        model.addAttribute("devices", devices.views(tenant.id(), id));
        model.addAttribute("mayDecide", mayDecide(me));
        model.addAttribute("languages", MerchantRules.LANGUAGES.stream().sorted().toList());
        return "savings/merchant/merchant";
    }

    @PostMapping("/t/{slug}/office/merchants/{id}/approve")
    String approve(TenantContext tenant, @PathVariable UUID id, @AuthenticationPrincipal AccountPrincipal me,
                   RedirectAttributes redirect) {
        requireAdmin(me);
        var before = merchants.details(tenant.id(), id).orElseThrow(() -> new ResponseStatusException(NOT_FOUND));
        boolean wasApplication = before.status() == Merchants.Status.APPLIED;
        boolean done = merchants.approve(tenant.id(), id, me);
        if (done && wasApplication) {
            applications.approved(tenant, before);
        }
        return back(tenant, id, redirect, done ? "merchant.office.approved" : "merchant.office.unchanged");
    }

    @PostMapping("/t/{slug}/office/merchants/{id}/suspend")
    String suspend(TenantContext tenant, @PathVariable UUID id, @RequestParam(name = "reason", required = false) String reason,
                   @AuthenticationPrincipal AccountPrincipal me, RedirectAttributes redirect) {
        requireAdmin(me);
        String why = MerchantPublicController.trim(reason, 500);
        if (why == null) {
            return back(tenant, id, redirect, "merchant.office.reasonRequired");
        }
        boolean done = merchants.suspend(tenant.id(), id, why, me);
        notify(tenant, id, done);
        return back(tenant, id, redirect, done ? "merchant.office.suspended" : "merchant.office.unchanged");
    }

    @PostMapping("/t/{slug}/office/merchants/{id}/reactivate")
    String reactivate(TenantContext tenant, @PathVariable UUID id, @AuthenticationPrincipal AccountPrincipal me,
                      RedirectAttributes redirect) {
        requireAdmin(me);
        boolean done = merchants.reactivate(tenant.id(), id, me);
        notify(tenant, id, done);
        return back(tenant, id, redirect, done ? "merchant.office.reactivated" : "merchant.office.unchanged");
    }

    @PostMapping("/t/{slug}/office/merchants/{id}/reject")
    String reject(TenantContext tenant, @PathVariable UUID id, @RequestParam(name = "reason", required = false) String reason,
                  @AuthenticationPrincipal AccountPrincipal me, RedirectAttributes redirect) {
        requireAdmin(me);
        String why = MerchantPublicController.trim(reason, 500);
        if (why == null) {
            return back(tenant, id, redirect, "merchant.office.reasonRequired");
        }
        boolean done = merchants.reject(tenant.id(), id, why, me);
        notify(tenant, id, done);
        return back(tenant, id, redirect, done ? "merchant.office.rejected" : "merchant.office.unchanged");
    }

    @PostMapping("/t/{slug}/office/merchants/{id}/iban/approve")
    String approveIban(TenantContext tenant, @PathVariable UUID id, @RequestParam(name = "pending") String pending,
                       @AuthenticationPrincipal AccountPrincipal me, RedirectAttributes redirect) {
        requireAdmin(me);
        return back(tenant, id, redirect, merchants.approveIbanChange(tenant.id(), id, pending, me)
                ? "merchant.office.ibanApproved" : "merchant.office.unchanged");
    }

    @PostMapping("/t/{slug}/office/merchants/{id}/iban/refuse")
    String refuseIban(TenantContext tenant, @PathVariable UUID id, @AuthenticationPrincipal AccountPrincipal me,
                      RedirectAttributes redirect) {
        requireAdmin(me);
        return back(tenant, id, redirect, merchants.refuseIbanChange(tenant.id(), id, me)
                ? "merchant.office.ibanRefused" : "merchant.office.unchanged");
    }

    @PostMapping("/t/{slug}/office/merchants/{id}/invite-owner")
    String inviteOwner(TenantContext tenant, @PathVariable UUID id, @RequestParam(name = "email", required = false) String email,
                       @RequestParam(name = "language", required = false) String language,
                       @AuthenticationPrincipal AccountPrincipal me, RedirectAttributes redirect) {
        requireAdmin(me);
        var merchant = merchants.details(tenant.id(), id).orElseThrow(() -> new ResponseStatusException(NOT_FOUND));
        String address = MerchantPublicController.trim(email, 254);
        if (address == null || !address.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            return back(tenant, id, redirect, "merchant.office.inviteBadEmail");
        }
        Language lang = Language.fromCode(language).filter(l -> !l.citizenOnly())
                .orElse(Language.fromCode(merchant.contact().language()).orElse(tenant.defaultLanguage()));
        return back(tenant, id, redirect, switch (staff.invite(tenant, id, address, Merchants.StaffRole.OWNER, lang, me)) {
            case SENT -> "merchant.office.invited";
            case EMAIL_TAKEN -> "merchant.office.inviteEmailTaken";
        });
    }

    /** A merchant reports a lost or stolen device by phone: the city stops it at once. */
    @PostMapping("/t/{slug}/office/merchants/{id}/devices/{deviceId}/revoke")
    String revokeDevice(TenantContext tenant, @PathVariable UUID id, @PathVariable UUID deviceId,
                        @AuthenticationPrincipal AccountPrincipal me, RedirectAttributes redirect) {
        requireAdmin(me);
        return back(tenant, id, redirect, devices.revoke(tenant.id(), id, deviceId, me.userId())
                ? "merchant.shop.devices.revokedNotice" : "merchant.office.unchanged");
    }

    @GetMapping("/t/{slug}/office/merchants/import")
    String importForm(TenantContext tenant, @AuthenticationPrincipal AccountPrincipal me, Model model) {
        requireAdmin(me);
        model.addAttribute("columns", MerchantImport.Column.values());
        return "savings/merchant/import";
    }

    @PostMapping("/t/{slug}/office/merchants/import")
    String importFile(TenantContext tenant, @RequestParam(name = "file", required = false) MultipartFile file,
                      @RequestParam(name = "status", required = false) String status,
                      @AuthenticationPrincipal AccountPrincipal me, Locale locale, Model model) throws IOException {
        requireAdmin(me);
        model.addAttribute("columns", MerchantImport.Column.values());
        Merchants.Status initial = "APPLIED".equals(status) ? Merchants.Status.APPLIED : Merchants.Status.APPROVED;
        model.addAttribute("chosenStatus", initial.name());
        if (file == null || file.isEmpty()) {
            model.addAttribute("report", MerchantImport.Report.unreadable("merchant.import.error.noFile"));
            return "savings/merchant/import";
        }
        var report = imports.run(tenant.id(), file.getBytes(), initial,
                tenant.defaultLanguage().citizenOnly() ? "nl" : tenant.defaultLanguage().code(), me);
        model.addAttribute("report", report);
        model.addAttribute("rejected", report.rejected().stream().map(r -> new RejectedView(r.line(),
                r.businessName(), r.messages().stream().map(m -> messages.getMessage(m, locale)).toList())).toList());
        return "savings/merchant/import";
    }

    /** A rejected row as the page shows it: its spreadsheet line and its messages in the reader's language. */
    record RejectedView(long line, String businessName, List<String> messages) {
    }

    /** The merchant's contact hears of every decision on its participation. */
    private void notify(TenantContext tenant, UUID id, boolean changed) {
        if (changed) {
            merchants.details(tenant.id(), id).ifPresent(m -> applications.statusChanged(tenant, m));
        }
    }

    private static String back(TenantContext tenant, UUID id, RedirectAttributes redirect, String notice) {
        redirect.addFlashAttribute("notice", notice);
        return "redirect:" + tenant.path() + "/office/merchants/" + id;
    }

    static boolean mayDecide(AccountPrincipal me) {
        return me != null && me.role() == Role.TENANT_ADMIN;
    }

    private static void requireAdmin(AccountPrincipal me) {
        if (!mayDecide(me)) {
            throw new ResponseStatusException(FORBIDDEN);
        }
    }

    private static Merchants.Status parseStatus(String status) {
        try {
            return status == null || status.isBlank() ? null : Merchants.Status.valueOf(status.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
