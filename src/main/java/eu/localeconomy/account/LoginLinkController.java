package eu.localeconomy.account;

import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
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
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * Passwordless login: ask for a link, then open it. Opening the link shows a button rather than logging in at once,
 * because mail scanners fetch links before the person does and would use up a single-use link.
 */
@Controller
class LoginLinkController {

    record LinkForm(@NotBlank(message = "{validation.required}") @Email(message = "{validation.email}")
                    @Size(max = 254, message = "{validation.tooLong}") String email) {
    }

    private final LoginLinks links;
    private final LoginThrottle throttle;
    private final Accounts accounts;
    private final SecurityProperties properties;

    LoginLinkController(LoginLinks links, LoginThrottle throttle, Accounts accounts, SecurityProperties properties) {
        this.links = links;
        this.throttle = throttle;
        this.accounts = accounts;
        this.properties = properties;
    }

    @GetMapping("/t/{slug}/login/link")
    String form(TenantContext tenant, Model model) {
        model.addAttribute("form", new LinkForm(""));
        return "account/login-link";
    }

    @PostMapping("/t/{slug}/login/link")
    String request(TenantContext tenant, @Valid @ModelAttribute("form") LinkForm form, BindingResult errors,
                   HttpServletRequest request, HttpServletResponse response, Model model) {
        if (errors.hasErrors()) {
            return "account/login-link";
        }
        if (!throttle.tryAttempt(request.getRemoteAddr())) {
            response.setStatus(429);
            model.addAttribute("throttled", true);
            return "account/login-link";
        }
        links.request(tenant, form.email(), Language.fromLocale(LocaleContextHolder.getLocale()).orElse(tenant.defaultLanguage()));
        model.addAttribute("validMinutes", properties.loginLinkValidity().toMinutes());
        return "account/login-link-sent";
    }

    @GetMapping("/t/{slug}/login/link/{token}")
    String open(TenantContext tenant, @PathVariable String token, Model model, HttpServletResponse response) {
        if (!links.usable(tenant, token)) {
            return invalid(model, response);
        }
        model.addAttribute("token", token);
        return "account/login-link-confirm";
    }

    @PostMapping("/t/{slug}/login/link/{token}")
    String use(TenantContext tenant, @PathVariable String token, Model model, HttpServletRequest request,
               HttpServletResponse response) {
        var user = links.use(tenant, token);
        if (user.isEmpty() || !accounts.logIn(tenant, user.get(), "login-link", request, response)) {
            return invalid(model, response);
        }
        // Citizens land on /me, professionals on the extranet.
        return "redirect:" + accounts.profile(tenant.id(), user.get()).map(p -> p.role().homePath(tenant.slug()))
                .orElse(tenant.path() + "/me");
    }

    private static String invalid(Model model, HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        model.addAttribute("loginLink", true);
        return "account/link-invalid";
    }
}
