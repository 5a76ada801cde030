package eu.localeconomy.api;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.util.List;

/**
 * Answers what no API endpoint took, so that these answers are problem+json like every API error: an unknown route
 * is a 404, a known route called with another method a 405, and one whose JSON the client does not accept a 406.
 * Spring MVC would report the last two itself, but this catch-all accepts every request and so is chosen instead.
 */
@Hidden
@ApiController
class UnknownApiRouteController {

    private final RequestMappingHandlerMapping mappings;

    UnknownApiRouteController(@Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings) {
        this.mappings = mappings;
    }

    @RequestMapping("/api/**")
    void unknown(HttpServletRequest request) throws Exception {
        List<RequestMappingInfo> samePath = mappings.getHandlerMethods().entrySet().stream()
                .filter(e -> e.getValue().getBeanType() != UnknownApiRouteController.class)
                .map(e -> e.getKey())
                .filter(info -> info.getPathPatternsCondition() != null
                        && info.getPathPatternsCondition().getMatchingCondition(request) != null)
                .toList();
        if (samePath.isEmpty()) {
            throw new NoResourceFoundException(HttpMethod.valueOf(request.getMethod()), request.getRequestURI(),
                    request.getRequestURI());
        }
        List<RequestMappingInfo> sameMethod = samePath.stream()
                .filter(info -> info.getMethodsCondition().getMatchingCondition(request) != null).toList();
        if (sameMethod.isEmpty()) {
            throw new HttpRequestMethodNotSupportedException(request.getMethod(), samePath.stream()
                    .flatMap(info -> info.getMethodsCondition().getMethods().stream())
                    .map(Enum::name).distinct().sorted().toList());
        }
        throw new HttpMediaTypeNotAcceptableException(sameMethod.stream()
                .flatMap(info -> info.getProducesCondition().getProducibleMediaTypes().stream()).distinct().toList());
    }
}
