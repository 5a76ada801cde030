package eu.localeconomy.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.URI;

/** Where people go around login and logout: always back to their own tenant's pages. */
@Component
class LoginHandlers implements AuthenticationSuccessHandler, AuthenticationFailureHandler, LogoutSuccessHandler,
        AuthenticationEntryPoint {

    private final HttpSessionRequestCache requestCache = new HttpSessionRequestCache();

    static LoginDetails details(HttpServletRequest request) {
        return new LoginDetails(request.getParameter("tenant"), request.getRemoteAddr());
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        requestCache.saveRequest(request, response);
        response.sendRedirect(request.getContextPath() + SecurityConfiguration.loginPageFor(request.getRequestURI()));
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
                                        Authentication authentication) throws IOException {
        var principal = (AccountPrincipal) authentication.getPrincipal();
        if (authentication.getAuthorities().stream().anyMatch(a -> SecondFactor.PENDING.equals(a.getAuthority()))) {
            response.sendRedirect(request.getContextPath() + "/login/totp");
            return;
        }
        response.sendRedirect(request.getContextPath() + landingPage(request, response, principal));
    }

    /** The page asked for before login if it belongs to the same tenant, else the role's home. */
    String landingPage(HttpServletRequest request, HttpServletResponse response, AccountPrincipal principal) {
        SavedRequest saved = requestCache.getRequest(request, response);
        requestCache.removeRequest(request, response);
        if (saved != null) {
            String path = URI.create(saved.getRedirectUrl()).getPath();
            String prefix = principal.tenantSlug() == null ? "/admin" : "/t/" + principal.tenantSlug() + "/";
            if (path != null && path.startsWith(request.getContextPath() + prefix) && "GET".equals(saved.getMethod())) {
                return path.substring(request.getContextPath().length());
            }
        }
        return principal.homePath();
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                                        AuthenticationException exception) throws IOException {
        String tenant = request.getParameter("tenant");
        String page = tenant == null || tenant.isBlank() || !tenant.matches("[a-z0-9-]{2,63}")
                ? "/login" : "/t/" + tenant + "/login";
        String reason = exception instanceof LoginThrottledException ? "throttled" : "error";
        response.sendRedirect(request.getContextPath() + page + "?" + reason);
    }

    @Override
    public void onLogoutSuccess(HttpServletRequest request, HttpServletResponse response,
                                Authentication authentication) throws IOException {
        String target = "/";
        if (authentication != null && authentication.getPrincipal() instanceof AccountPrincipal p && p.tenantSlug() != null) {
            target = "/t/" + p.tenantSlug() + "/";
        }
        response.sendRedirect(request.getContextPath() + target + (target.endsWith("/") ? "?loggedOut" : ""));
    }
}
