package eu.localeconomy.account;

import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The two screens of a password reset: ask for a link, then choose a new password. */
@Controller
class PasswordResetController {

    record ForgotForm(@NotBlank(message = "{validation.required}") @Email(message = "{validation.email}")
                      @Size(max = 254, message = "{validation.tooLong}") String email) {
    }

    record ResetForm(String token, String password, String confirmation) {
    }

    private final PasswordResets resets;
    private final LoginThrottle throttle;

    PasswordResetController(PasswordResets resets, LoginThrottle throttle) {
        this.resets = resets;
        this.throttle = throttle;
    }

    @GetMapping("/t/{slug}/password/forgot")
    String forgot(TenantContext tenant, Model model) {
        model.addAttribute("form", new ForgotForm(""));
        return "account/password-forgot";
    }

    @PostMapping("/t/{slug}/password/forgot")
    String requestLink(TenantContext tenant, @Valid @ModelAttribute("form") ForgotForm form, BindingResult errors,
                       HttpServletRequest request, Model model) {
        if (errors.hasErrors()) {
            return "account/password-forgot";
        }
        if (!throttle.tryAttempt(request.getRemoteAddr())) {
            model.addAttribute("throttled", true);
            return "account/password-forgot";
        }
        resets.request(tenant, form.email(), Language.fromLocale(LocaleContextHolder.getLocale()).orElse(tenant.defaultLanguage()));
        return "account/password-forgot-sent";
    }

    @GetMapping("/t/{slug}/password/reset")
    String resetForm(TenantContext tenant, @RequestParam(name = "token", required = false) String token, Model model) {
        if (!resets.linkUsable(tenant, token)) {
            return "account/link-invalid";
        }
        model.addAttribute("form", new ResetForm(token, "", ""));
        return "account/password-reset";
    }

    @PostMapping("/t/{slug}/password/reset")
    String reset(TenantContext tenant, @ModelAttribute("form") ResetForm form, BindingResult errors) {
        if (!resets.linkUsable(tenant, form.token())) {
            return "account/link-invalid";
        }
        PasswordPolicy.check(form.password(), form.confirmation(), resets.emailOf(tenant, form.token()).orElse(null), errors);
        if (errors.hasErrors()) {
            return "account/password-reset";
        }
        return switch (resets.reset(tenant, form.token(), form.password())) {
            case DONE -> "redirect:" + tenant.path() + "/login?reset";
            case INVALID_LINK -> "account/link-invalid";
        };
    }
}
