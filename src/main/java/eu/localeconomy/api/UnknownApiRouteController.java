package eu.localeconomy.api;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Catches what no API endpoint matched, so that an unknown API route is a problem+json 404 like every API error. */
@Hidden
@RestController
class UnknownApiRouteController {

    @RequestMapping("/api/**")
    void unknown(jakarta.servlet.http.HttpServletRequest request) throws NoResourceFoundException {
        throw new NoResourceFoundException(org.springframework.http.HttpMethod.valueOf(request.getMethod()),
                request.getRequestURI(), request.getRequestURI());
    }
}
