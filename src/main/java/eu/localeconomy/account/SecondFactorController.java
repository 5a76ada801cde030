package eu.localeconomy.account;

import eu.localeconomy.audit.AuditLog;
import eu.localeconomy.shared.SecretBox;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.Map;

/** Second login step for people who enabled TOTP: the six-digit code from their authenticator app. */
@Controller
class SecondFactorController {

    private static final String FAILURES = "totp.failures";
    private static final int MAX_FAILURES = 5;

    private final UserAccountRepository accounts;
    private final TotpCodes codes;
    private final SecretBox secretBox;
    private final AuditLog audit;
    private final LoginHandlers handlers;
    private final LoginThrottle throttle;
    private final SecurityContextRepository contextRepository = new HttpSessionSecurityContextRepository();
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    SecondFactorController(UserAccountRepository accounts, TotpCodes codes, SecretBox secretBox, AuditLog audit,
                           LoginHandlers handlers, LoginThrottle throttle) {
        this.accounts = accounts;
        this.codes = codes;
        this.secretBox = secretBox;
        this.audit = audit;
        this.handlers = handlers;
        this.throttle = throttle;
    }

    @GetMapping("/login/totp")
    String form(Authentication authentication, Model model) {
        model.addAttribute("principal", authentication.getPrincipal());
        return "account/totp-login";
    }

    @PostMapping("/login/totp")
    String verify(@RequestParam(name = "code", defaultValue = "") String code, Authentication authentication,
                  HttpServletRequest request, HttpServletResponse response, Model model) {
        var principal = (AccountPrincipal) authentication.getPrincipal();
        var account = accounts.findById(principal.tenantId(), principal.userId()).orElseThrow();
        boolean valid = throttle.tryAttempt(request.getRemoteAddr()) && account.totpEnabled()
                && codes.matchingStep(secretBox.decrypt(account.totpSecret()), code.replace(" ", ""))
                .stream().anyMatch(step -> accounts.useTotpStep(account.id(), step));
        HttpSession session = request.getSession();
        if (!valid) {
            int failures = session.getAttribute(FAILURES) instanceof Integer i ? i + 1 : 1;
            session.setAttribute(FAILURES, failures);
            audit.record(principal, principal.tenantId(), "login.totp.failed", "user", principal.userId(), Map.of("attempt", failures));
            if (failures >= MAX_FAILURES) {
                // Too many wrong codes: start again from the password, which counts towards the account lock.
                new SecurityContextLogoutHandler().logout(request, response, authentication);
                return "redirect:" + SecurityConfiguration.loginPageFor(principal.tenantSlug() == null ? "/" : "/t/" + principal.tenantSlug() + "/") + "?error";
            }
            model.addAttribute("principal", principal);
            model.addAttribute("invalid", true);
            return "account/totp-login";
        }
        session.removeAttribute(FAILURES);
        request.changeSessionId();
        var context = contexts.createEmptyContext();
        context.setAuthentication(TenantLoginAuthenticationProvider.fullyAuthenticated(principal));
        contexts.setContext(context);
        contextRepository.saveContext(context, request, response);
        audit.record(principal, principal.tenantId(), "login.succeeded", "user", principal.userId(), Map.of("secondFactor", "totp"));
        return "redirect:" + handlers.landingPage(request, response, principal);
    }
}
