package eu.localeconomy.account;

import eu.localeconomy.shared.TenantContext;
import jakarta.validation.constraints.NotBlank;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Where an invitation link lands: the invited person chooses a name and password. */
@Controller
class InvitationController {

    record AcceptForm(String token, @NotBlank String displayName, String password, String confirmation) {
    }

    private final StaffInvitations invitations;

    InvitationController(StaffInvitations invitations) {
        this.invitations = invitations;
    }

    @GetMapping("/t/{slug}/invitation")
    String show(TenantContext tenant, @RequestParam(name = "token", required = false) String token, Model model) {
        var invitation = invitations.usableInvitation(tenant, token);
        if (invitation.isEmpty()) {
            model.addAttribute("invitation", true);
            return "account/link-invalid";
        }
        model.addAttribute("email", invitation.get().email());
        model.addAttribute("form", new AcceptForm(token, "", "", ""));
        return "account/invitation";
    }

    @PostMapping("/t/{slug}/invitation")
    String accept(TenantContext tenant, @ModelAttribute("form") AcceptForm form, BindingResult errors, Model model) {
        var invitation = invitations.usableInvitation(tenant, form.token());
        if (invitation.isEmpty()) {
            model.addAttribute("invitation", true);
            return "account/link-invalid";
        }
        if (form.displayName() == null || form.displayName().isBlank()) {
            errors.rejectValue("displayName", "validation.required");
        } else if (form.displayName().length() > 200) {
            errors.rejectValue("displayName", "validation.tooLong");
        }
        PasswordPolicy.check(form.password(), form.confirmation(), invitation.get().email(), errors);
        if (errors.hasErrors()) {
            model.addAttribute("email", invitation.get().email());
            return "account/invitation";
        }
        return switch (invitations.accept(tenant, form.token(), form.displayName(), form.password())) {
            case CREATED -> "redirect:" + tenant.path() + "/login?welcome";
            case EMAIL_TAKEN -> "redirect:" + tenant.path() + "/login?exists";
            case INVALID_LINK -> {
                model.addAttribute("invitation", true);
                yield "account/link-invalid";
            }
        };
    }
}
