package eu.localeconomy.account;

import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantContext;
import eu.localeconomy.shared.UserId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.UUID;

/** Back office: the tenant's staff, their roles, and invitations. Tenant administrators only. */
@Controller
class StaffController {

    record InviteForm(@NotBlank(message = "{validation.required}") @Email(message = "{validation.email}")
                      @Size(max = 254, message = "{validation.tooLong}") String email,
                      @NotNull(message = "{validation.required}") Role role,
                      @NotNull(message = "{validation.required}") Language language) {
    }

    private final StaffManagement staff;
    private final StaffInvitations invitations;
    private final Accounts accounts;

    StaffController(StaffManagement staff, StaffInvitations invitations, Accounts accounts) {
        this.staff = staff;
        this.invitations = invitations;
        this.accounts = accounts;
    }

    @GetMapping("/t/{slug}/office/staff")
    String list(TenantContext tenant, Model model) {
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new InviteForm("", Role.HELPDESK, tenant.defaultLanguage()));
        }
        model.addAttribute("staff", staff.staff(tenant));
        model.addAttribute("invitations", staff.pendingInvitations(tenant));
        model.addAttribute("roles", Role.STAFF);
        model.addAttribute("languages", Language.EVERY_SCREEN);
        return "account/staff";
    }

    @PostMapping("/t/{slug}/office/staff/invitations")
    String invite(TenantContext tenant, @Valid @ModelAttribute("form") InviteForm form, BindingResult errors,
                  @AuthenticationPrincipal AccountPrincipal me, Model model, RedirectAttributes redirect) {
        if (form.role() != null && !form.role().isStaff()) {
            errors.rejectValue("role", "staff.role.invalid");
        }
        if (form.language() == Language.DE) {
            errors.rejectValue("language", "tenant.language.unsupported");
        }
        if (!errors.hasFieldErrors("email") && accounts.emailTaken(tenant.id(), form.email())) {
            errors.rejectValue("email", "staff.email.taken");
        }
        if (errors.hasErrors()) {
            return list(tenant, model);
        }
        invitations.invite(tenant, form.email(), form.role(), form.language(), me);
        redirect.addFlashAttribute("notice", "staff.invitation.sent");
        return "redirect:" + tenant.path() + "/office/staff";
    }

    @PostMapping("/t/{slug}/office/staff/invitations/{id}/revoke")
    String revoke(TenantContext tenant, @PathVariable UUID id, @AuthenticationPrincipal AccountPrincipal me,
                  RedirectAttributes redirect) {
        boolean revoked = invitations.revoke(tenant, id, me);
        redirect.addFlashAttribute(revoked ? "notice" : "alert", revoked ? "staff.invitation.revoked" : "staff.notFound");
        return "redirect:" + tenant.path() + "/office/staff";
    }

    @PostMapping("/t/{slug}/office/staff/invitations/{id}/resend")
    String resend(TenantContext tenant, @PathVariable UUID id, @AuthenticationPrincipal AccountPrincipal me,
                  RedirectAttributes redirect) {
        boolean sent = invitations.resend(tenant, id, me);
        redirect.addFlashAttribute(sent ? "notice" : "alert", sent ? "staff.invitation.sent" : "staff.notFound");
        return "redirect:" + tenant.path() + "/office/staff";
    }

    @PostMapping("/t/{slug}/office/staff/{id}/role")
    String changeRole(TenantContext tenant, @PathVariable UUID id, @RequestParam("role") Role role,
                      @AuthenticationPrincipal AccountPrincipal me, RedirectAttributes redirect) {
        return outcome(tenant, staff.changeRole(tenant, new UserId(id), role, me), "staff.role.changed", redirect);
    }

    @PostMapping("/t/{slug}/office/staff/{id}/disable")
    String disable(TenantContext tenant, @PathVariable UUID id, @AuthenticationPrincipal AccountPrincipal me,
                   RedirectAttributes redirect) {
        return outcome(tenant, staff.setEnabled(tenant, new UserId(id), false, me), "staff.disabled", redirect);
    }

    @PostMapping("/t/{slug}/office/staff/{id}/enable")
    String enable(TenantContext tenant, @PathVariable UUID id, @AuthenticationPrincipal AccountPrincipal me,
                  RedirectAttributes redirect) {
        return outcome(tenant, staff.setEnabled(tenant, new UserId(id), true, me), "staff.enabled", redirect);
    }

    private static String outcome(TenantContext tenant, StaffManagement.Outcome outcome, String doneKey,
                                  RedirectAttributes redirect) {
        switch (outcome) {
            case DONE -> redirect.addFlashAttribute("notice", doneKey);
            case NOT_FOUND -> redirect.addFlashAttribute("alert", "staff.notFound");
            case NOT_YOURSELF -> redirect.addFlashAttribute("alert", "staff.notYourself");
            case LAST_ADMINISTRATOR -> redirect.addFlashAttribute("alert", "staff.lastAdministrator");
        }
        return "redirect:" + tenant.path() + "/office/staff";
    }
}
