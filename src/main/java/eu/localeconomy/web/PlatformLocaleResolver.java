package eu.localeconomy.web;

import eu.localeconomy.account.AccountPrincipal;
import eu.localeconomy.account.Accounts;
import eu.localeconomy.account.Role;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantContext;
import eu.localeconomy.shared.TenantPaths;
import eu.localeconomy.tenant.Tenants;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.LocaleResolver;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Chooses the language of a page: the person's saved preference, else the language they picked with the switcher
 * (cookie), else the browser's {@code Accept-Language}, else the tenant's default. German only exists on citizen
 * pages; elsewhere the choice falls through to the next source.
 */
class PlatformLocaleResolver implements LocaleResolver {

    static final String COOKIE = "lang";
    private static final String RESOLVED = PlatformLocaleResolver.class.getName() + ".locale";

    private final Tenants tenants;
    private final Accounts accounts;

    PlatformLocaleResolver(Tenants tenants, Accounts accounts) {
        this.tenants = tenants;
        this.accounts = accounts;
    }

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        if (request.getAttribute(RESOLVED) instanceof Locale cached) {
            return cached;
        }
        Locale locale = choose(request).locale();
        request.setAttribute(RESOLVED, locale);
        return locale;
    }

    private Language choose(HttpServletRequest request) {
        List<Language> allowed = allowedOn(request);
        Optional<Language> chosen = principal().map(AccountPrincipal::language).filter(allowed::contains)
                .or(() -> cookie(request).filter(allowed::contains))
                .or(() -> Collections.list(request.getLocales()).stream()
                        .filter(l -> request.getHeader("Accept-Language") != null)
                        .map(Language::fromLocale).flatMap(Optional::stream).filter(allowed::contains).findFirst());
        return chosen.orElseGet(() -> TenantPaths.slugOf(pathOf(request)).flatMap(tenants::findBySlug)
                .map(TenantContext::defaultLanguage).orElse(Language.EN));
    }

    static List<Language> allowedOn(HttpServletRequest request) {
        boolean citizen = CitizenPages.isCitizenPage(pathOf(request))
                || principal().filter(p -> p.role() == Role.CITIZEN).isPresent();
        return citizen ? Language.CITIZEN_SCREENS : Language.EVERY_SCREEN;
    }

    /** The page's path; on an error dispatch, the path of the page that failed. */
    static String pathOf(HttpServletRequest request) {
        return request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String failed
                ? failed : request.getRequestURI();
    }

    @Override
    public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
        Optional<Language> language = Language.fromLocale(locale).filter(allowedOn(request)::contains);
        if (language.isEmpty()) {
            return;
        }
        var cookie = new Cookie(COOKIE, language.get().code());
        cookie.setPath("/");
        cookie.setMaxAge(365 * 24 * 3600);
        cookie.setHttpOnly(true);
        cookie.setAttribute("SameSite", "Lax");
        response.addCookie(cookie);
        principal().ifPresent(p -> accounts.changeLanguage(p, language.get(), request, response));
        request.setAttribute(RESOLVED, language.get().locale());
    }

    private static Optional<Language> cookie(HttpServletRequest request) {
        if (request.getCookies() == null) {
            return Optional.empty();
        }
        for (Cookie c : request.getCookies()) {
            if (COOKIE.equals(c.getName())) {
                return Language.fromCode(c.getValue());
            }
        }
        return Optional.empty();
    }

    private static Optional<AccountPrincipal> principal() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getPrincipal() instanceof AccountPrincipal p ? Optional.of(p) : Optional.empty();
    }
}
