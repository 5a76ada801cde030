package eu.localeconomy.savings.portal;

import eu.localeconomy.account.AccountPrincipal;
import eu.localeconomy.account.Accounts;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;

/**
 * The citizen portal at {@code /t/{slug}/me}: the citizen's card and what it holds, and GDPR self-service (e-mail
 * address, consent withdrawal, export of their data, erasure request). Everything is looked up by the logged-in
 * person's own id within the tenant of the URL, so a citizen never reaches another person's card.
 */
@Controller
class PortalController {

    record EmailForm(@NotBlank(message = "{validation.required}") @Email(message = "{validation.email}")
                     @Size(max = 254, message = "{validation.tooLong}") String email,
                     String password) {
    }

    /** Checkboxes as text: a garbled value reads as "not ticked" instead of failing to bind the whole form. */
    record ConsentForm(String confirm, String erasure,
                       @Size(max = ErasureRequests.MAX_TEXT, message = "{validation.tooLong}") String reason) {

        boolean confirmed() {
            return "true".equals(confirm);
        }

        boolean erasureRequested() {
            return "true".equals(erasure);
        }
    }

    record ErasureForm(@Size(max = ErasureRequests.MAX_TEXT, message = "{validation.tooLong}") String reason) {
    }

    private final CitizenPortal portal;
    private final EmailChanges emailChanges;
    private final ErasureRequests erasure;
    private final Accounts accounts;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    PortalController(CitizenPortal portal, EmailChanges emailChanges, ErasureRequests erasure, Accounts accounts,
                     Clock clock) {
        this.portal = portal;
        this.emailChanges = emailChanges;
        this.erasure = erasure;
        this.accounts = accounts;
        this.clock = clock;
    }

    @GetMapping("/t/{slug}/me")
    String home(TenantContext tenant, @AuthenticationPrincipal AccountPrincipal me, Model model) {
        model.addAttribute("overview", portal.overview(tenant, me.userId()));
        model.addAttribute("language", pageLanguage(me));
        return "savings/citizen/portal";
    }

    @GetMapping("/t/{slug}/me/email")
    String emailForm(TenantContext tenant, @AuthenticationPrincipal AccountPrincipal me, Model model) {
        var account = accounts.profile(tenant.id(), me.userId()).orElseThrow();
        model.addAttribute("account", account);
        if (model.getAttribute("form") == null) {
            model.addAttribute("form", new EmailForm("", ""));
        }
        return "savings/citizen/portal-email";
    }

    @PostMapping("/t/{slug}/me/email")
    String changeEmail(TenantContext tenant, @AuthenticationPrincipal AccountPrincipal me,
                       @Valid @ModelAttribute("form") EmailForm form, BindingResult errors, Model model,
                       RedirectAttributes redirect) {
        if (!errors.hasFieldErrors("email") && form.email().chars().anyMatch(Character::isISOControl)) {
            errors.rejectValue("email", "validation.email");
        }
        if (errors.hasErrors()) {
            return emailForm(tenant, me, model);
        }
        switch (emailChanges.request(tenant, me, form.email(), form.password(), pageLanguage(me))) {
            case CHANGED -> redirect.addFlashAttribute("notice", "portal.email.changed");
            case CONFIRMATION_SENT -> redirect.addFlashAttribute("notice", "portal.email.confirmationSent");
            case SAME -> errors.rejectValue("email", "portal.email.same");
            case TAKEN -> errors.rejectValue("email", "portal.email.taken");
            case WRONG_PASSWORD -> errors.rejectValue("password", "portal.email.passwordWrong");
            case INVALID_LINK -> throw new IllegalStateException("not an outcome of a request");
        }
        if (errors.hasErrors()) {
            return emailForm(tenant, me, model);
        }
        return "redirect:" + tenant.path() + "/me";
    }

    /**
     * The link from the new address opens a page with a button: mail scanners following links change nothing. The
     * token is in the path so that it survives a detour through the login page (which returns to the path only).
     */
    @GetMapping("/t/{slug}/me/email/confirm/{token}")
    String confirmEmailPage(TenantContext tenant, @PathVariable String token, Model model) {
        model.addAttribute("token", token);
        return "savings/citizen/portal-email-confirm";
    }

    @PostMapping("/t/{slug}/me/email/confirm")
    String confirmEmail(TenantContext tenant, @AuthenticationPrincipal AccountPrincipal me,
                        @RequestParam(name = "token", defaultValue = "") String token, RedirectAttributes redirect) {
        if (emailChanges.confirm(tenant, me, token) == EmailChanges.Outcome.CHANGED) {
            redirect.addFlashAttribute("notice", "portal.email.changed");
            return "redirect:" + tenant.path() + "/me";
        }
        redirect.addFlashAttribute("alert", "portal.email.linkInvalid");
        return "redirect:" + tenant.path() + "/me/email";
    }

    @GetMapping("/t/{slug}/me/consent")
    String consentPage(TenantContext tenant, @AuthenticationPrincipal AccountPrincipal me, Model model) {
        model.addAttribute("overview", portal.overview(tenant, me.userId()));
        if (model.getAttribute("form") == null) {
            model.addAttribute("form", new ConsentForm(null, null, ""));
        }
        return "savings/citizen/portal-consent";
    }

    @PostMapping("/t/{slug}/me/consent")
    String withdrawConsent(TenantContext tenant, @AuthenticationPrincipal AccountPrincipal me,
                           @Valid @ModelAttribute("form") ConsentForm form, BindingResult errors, Model model,
                           HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
        if (!form.confirmed()) {
            errors.rejectValue("confirm", "portal.consent.confirmRequired");
        }
        if (errors.hasErrors()) {
            return consentPage(tenant, me, model);
        }
        portal.withdrawConsent(tenant, me, form.erasureRequested(), form.reason());
        // The other sessions are gone from the store; this one ends here, as on logging out.
        new SecurityContextLogoutHandler().logout(request, response, null);
        redirect.addFlashAttribute("notice", form.erasureRequested() ? "portal.consent.withdrawnErasure" : "portal.consent.withdrawn");
        return "redirect:" + tenant.path() + "/";
    }

    @GetMapping(value = "/t/{slug}/me/data.json")
    ResponseEntity<byte[]> export(TenantContext tenant, @AuthenticationPrincipal AccountPrincipal me) {
        byte[] body = json.writeValueAsBytes(portal.export(tenant, me));
        String filename = "personal-data-" + tenant.slug() + "-" + tenant.today(clock) + ".json";
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(body);
    }

    @GetMapping("/t/{slug}/me/erasure")
    String erasurePage(TenantContext tenant, @AuthenticationPrincipal AccountPrincipal me, Model model) {
        model.addAttribute("requests", erasure.of(tenant.id(), me.userId()));
        model.addAttribute("open", erasure.open(tenant.id(), me.userId()).isPresent());
        if (model.getAttribute("form") == null) {
            model.addAttribute("form", new ErasureForm(""));
        }
        return "savings/citizen/portal-erasure";
    }

    @PostMapping("/t/{slug}/me/erasure")
    String requestErasure(TenantContext tenant, @AuthenticationPrincipal AccountPrincipal me,
                          @Valid @ModelAttribute("form") ErasureForm form, BindingResult errors, Model model,
                          RedirectAttributes redirect) {
        if (errors.hasErrors()) {
            return erasurePage(tenant, me, model);
        }
        erasure.request(tenant.id(), me.userId(), form.reason(), me);
        redirect.addFlashAttribute("notice", "portal.erasure.recorded");
        return "redirect:" + tenant.path() + "/me/erasure";
    }

    private static Language pageLanguage(AccountPrincipal me) {
        return Language.fromLocale(LocaleContextHolder.getLocale())
                .or(() -> java.util.Optional.ofNullable(me.language())).orElse(Language.EN);
    }
}
