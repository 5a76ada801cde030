package eu.localeconomy.account;

import eu.localeconomy.audit.AuditLog;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.SecretBox;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.List;
import java.util.Map;

/**
 * A person's own account: language, password, two-factor login. Reached at {@code /t/{slug}/account} by tenant users
 * and at {@code /account} by platform administrators.
 */
@Controller
class ProfileController {

    record PasswordForm(String current, String password, String confirmation) {
    }

    private static final String PENDING_SECRET = "totp.pendingSecret";

    private final UserAccountRepository accounts;
    private final PasswordEncoder passwordEncoder;
    private final TotpCodes codes;
    private final SecretBox secretBox;
    private final AuditLog audit;

    ProfileController(UserAccountRepository accounts, PasswordEncoder passwordEncoder, TotpCodes codes,
                      SecretBox secretBox, AuditLog audit) {
        this.accounts = accounts;
        this.passwordEncoder = passwordEncoder;
        this.codes = codes;
        this.secretBox = secretBox;
        this.audit = audit;
    }

    @GetMapping({"/t/{slug}/account", "/account"})
    String show(@AuthenticationPrincipal AccountPrincipal me, Model model) {
        var account = accounts.findById(me.tenantId(), me.userId()).orElseThrow();
        model.addAttribute("account", account);
        model.addAttribute("me", me);
        model.addAttribute("languages", languagesFor(me));
        if (!model.containsAttribute("passwordForm")) {
            model.addAttribute("passwordForm", new PasswordForm("", "", ""));
        }
        return "account/profile";
    }

    @PostMapping({"/t/{slug}/account/language", "/account/language"})
    String language(@AuthenticationPrincipal AccountPrincipal me, @RequestParam("language") String code,
                    HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
        var language = Language.fromCode(code).filter(languagesFor(me)::contains);
        if (language.isEmpty()) {
            redirect.addFlashAttribute("alert", "profile.language.invalid");
            return "redirect:" + me.accountPath();
        }
        accounts.updateLanguage(me.userId(), language.get());
        AccountSessions.replacePrincipal(me.withLanguage(language.get()), request, response);
        redirect.addFlashAttribute("notice", "profile.language.saved");
        return "redirect:" + me.accountPath();
    }

    @PostMapping({"/t/{slug}/account/password", "/account/password"})
    @Transactional
    String password(@AuthenticationPrincipal AccountPrincipal me, @ModelAttribute("passwordForm") PasswordForm form,
                    BindingResult errors, Model model, RedirectAttributes redirect) {
        var account = accounts.findById(me.tenantId(), me.userId()).orElseThrow();
        if (form.current() == null || account.passwordHash() == null
                || !passwordEncoder.matches(form.current(), account.passwordHash())) {
            errors.rejectValue("current", "profile.password.currentWrong");
        }
        PasswordPolicy.check(form.password(), form.confirmation(), account.email(), errors);
        if (errors.hasErrors()) {
            return show(me, model);
        }
        accounts.updatePassword(me.userId(), passwordEncoder.encode(form.password()));
        audit.record(me, me.tenantId(), "password.changed", "user", me.userId(), Map.of());
        redirect.addFlashAttribute("notice", "profile.password.saved");
        return "redirect:" + me.accountPath();
    }

    @GetMapping({"/t/{slug}/account/totp", "/account/totp"})
    String totpSetup(@AuthenticationPrincipal AccountPrincipal me, HttpSession session, Model model) {
        var account = accounts.findById(me.tenantId(), me.userId()).orElseThrow();
        if (account.totpEnabled()) {
            return "redirect:" + me.accountPath();
        }
        String secret = session.getAttribute(PENDING_SECRET) instanceof String s ? s : codes.newSecret();
        session.setAttribute(PENDING_SECRET, secret);
        model.addAttribute("me", me);
        model.addAttribute("secret", secret);
        model.addAttribute("qr", codes.qrDataUri(secret, "Local economy platform", account.email()));
        return "account/totp-setup";
    }

    @PostMapping({"/t/{slug}/account/totp", "/account/totp"})
    String totpEnable(@AuthenticationPrincipal AccountPrincipal me, @RequestParam(name = "code", defaultValue = "") String code,
                      HttpSession session, Model model, RedirectAttributes redirect) {
        if (!(session.getAttribute(PENDING_SECRET) instanceof String secret)) {
            return "redirect:" + me.accountPath() + "/totp";
        }
        if (!codes.verify(secret, code.replace(" ", ""))) {
            model.addAttribute("invalid", true);
            return totpSetup(me, session, model);
        }
        accounts.updateTotp(me.userId(), secretBox.encrypt(secret), true);
        session.removeAttribute(PENDING_SECRET);
        audit.record(me, me.tenantId(), "totp.enabled", "user", me.userId(), Map.of());
        redirect.addFlashAttribute("notice", "profile.totp.enabled");
        return "redirect:" + me.accountPath();
    }

    @PostMapping({"/t/{slug}/account/totp/disable", "/account/totp/disable"})
    String totpDisable(@AuthenticationPrincipal AccountPrincipal me, @RequestParam(name = "code", defaultValue = "") String code,
                       RedirectAttributes redirect) {
        var account = accounts.findById(me.tenantId(), me.userId()).orElseThrow();
        if (!account.totpEnabled() || !codes.verify(secretBox.decrypt(account.totpSecret()), code.replace(" ", ""))) {
            redirect.addFlashAttribute("alert", "profile.totp.codeWrong");
            return "redirect:" + me.accountPath();
        }
        accounts.updateTotp(me.userId(), null, false);
        audit.record(me, me.tenantId(), "totp.disabled", "user", me.userId(), Map.of());
        redirect.addFlashAttribute("notice", "profile.totp.disabled");
        return "redirect:" + me.accountPath();
    }

    static List<Language> languagesFor(AccountPrincipal me) {
        return me.role() == Role.CITIZEN ? Language.CITIZEN_SCREENS : Language.EVERY_SCREEN;
    }
}
