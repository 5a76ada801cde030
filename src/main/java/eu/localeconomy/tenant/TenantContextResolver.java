package eu.localeconomy.tenant;

import eu.localeconomy.shared.ForTenantKind;
import eu.localeconomy.shared.TenantContext;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.HandlerMapping;

import java.util.Map;

/**
 * Turns the {@code {slug}} of a {@code /t/{slug}/...} URL into the {@link TenantContext} parameter of a controller
 * method, and exposes it to the views as {@code tenant}. A controller marked {@link ForTenantKind} answers 404 to
 * tenants of another kind.
 */
class TenantContextResolver implements HandlerMethodArgumentResolver {

    static final String ATTRIBUTE = "tenant";
    private final Tenants tenants;

    TenantContextResolver(Tenants tenants) {
        this.tenants = tenants;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return TenantContext.class.equals(parameter.getParameterType());
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                  NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
        TenantContext tenant = resolve(request, tenants);
        ForTenantKind only = AnnotatedElementUtils.findMergedAnnotation(parameter.getContainingClass(), ForTenantKind.class);
        if (only != null && only.value() != tenant.kind()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        if (mavContainer != null) {
            mavContainer.addAttribute(ATTRIBUTE, tenant);
        }
        return tenant;
    }

    @SuppressWarnings("unchecked")
    static TenantContext resolve(HttpServletRequest request, Tenants tenants) {
        if (request.getAttribute(ATTRIBUTE) instanceof TenantContext cached) {
            return cached;
        }
        var variables = (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        String slug = variables == null ? null : variables.get("slug");
        TenantContext tenant = tenants.findBySlug(slug).orElseThrow(UnknownTenantException::new);
        request.setAttribute(ATTRIBUTE, tenant);
        return tenant;
    }
}
