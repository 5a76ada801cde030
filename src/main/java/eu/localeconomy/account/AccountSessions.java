package eu.localeconomy.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/** Logs people in outside the login form; refreshes the principal kept in the session after the person changed something it carries (the language). */
final class AccountSessions {

    private AccountSessions() {
    }

    /** A fresh login on this request: a new session id against fixation, then the context saved in the session. */
    static void logIn(AccountPrincipal principal, HttpServletRequest request, HttpServletResponse response) {
        if (request.getSession(false) != null) {
            request.changeSessionId();
        }
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(TenantLoginAuthenticationProvider.fullyAuthenticated(principal));
        SecurityContextHolder.setContext(context);
        new HttpSessionSecurityContextRepository().saveContext(context, request, response);
    }

    static void replacePrincipal(AccountPrincipal principal, HttpServletRequest request, HttpServletResponse response) {
        Authentication current = SecurityContextHolder.getContext().getAuthentication();
        var updated = org.springframework.security.authentication.UsernamePasswordAuthenticationToken
                .authenticated(principal, null, current.getAuthorities());
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(updated);
        SecurityContextHolder.setContext(context);
        new HttpSessionSecurityContextRepository().saveContext(context, request, response);
    }
}
