package eu.localeconomy.web;

import eu.localeconomy.account.AccountPrincipal;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantPaths;
import eu.localeconomy.tenant.Tenants;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import eu.localeconomy.shared.RequestOrigin;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.ui.Model;

import java.util.List;

/** What every layout needs: the tenant of the URL, the person, the languages offered on this page, the path. */
@ControllerAdvice
class LayoutModel {

    private final Tenants tenants;

    LayoutModel(Tenants tenants) {
        this.tenants = tenants;
    }

    @ModelAttribute
    void layout(HttpServletRequest request, @AuthenticationPrincipal Object principal, Model model) {
        // On an error page, the language links must point at the page that failed, not at /error.
        Object failed = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String uri = failed instanceof String f ? f : request.getRequestURI();
        String path = uri.substring(Math.min(uri.length(), request.getContextPath().length()));
        model.addAttribute("requestId", RequestOrigin.requestId());
        model.addAttribute("currentPath", path);
        List<Language> languages = PlatformLocaleResolver.allowedOn(request);
        model.addAttribute("pageLanguages", languages);
        if (!model.containsAttribute("tenant")) {
            TenantPaths.slugOf(path).flatMap(tenants::findBySlug).ifPresent(t -> model.addAttribute("tenant", t));
        }
        if (principal instanceof AccountPrincipal me) {
            model.addAttribute("me", me);
            // Pages every role shares (the account page) are drawn in the layout of the person's own area.
            model.addAttribute("areaLayout", "layout/" + switch (me.role().area()) {
                case PLATFORM -> "platform";
                case OFFICE -> "backoffice";
                case MERCHANT -> "merchant";
                case EXTRANET -> "extranet";
                case CITIZEN -> "citizen";
            });
        }
    }
}
