package eu.localeconomy.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;

/**
 * RFC 9457 problem details with a stable {@code type} per kind of error and a title and detail in the client's
 * language ({@code Accept-Language}: nl, fr or en). Public so that other modules' API controllers (the savings
 * counter API) answer with the same shape.
 */
@Component
public class Problems {

    public static final String TYPE_BASE = "https://errors.localeconomy.eu/";

    private final MessageSource messages;
    /** Written as Spring MVC writes problems: extra properties at the top level, no {@code "properties": null}. */
    private final JsonMapper json = JsonMapper.builder().addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class).build();

    Problems(MessageSource messages) {
        this.messages = messages;
    }

    public ProblemDetail of(HttpStatusCode status, String code, Locale locale, Object... detailArguments) {
        var problem = ProblemDetail.forStatus(status);
        problem.setType(URI.create(TYPE_BASE + code));
        problem.setTitle(messages.getMessage("api.problem." + code + ".title", null, code, locale));
        problem.setDetail(messages.getMessage("api.problem." + code + ".detail", detailArguments, null, locale));
        return problem;
    }

    public ProblemDetail of(HttpStatusCode status, String code, Object... detailArguments) {
        return of(status, code, LocaleContextHolder.getLocale(), detailArguments);
    }

    /** Writes a problem directly, for the security filters that answer before Spring MVC. */
    public void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code) throws IOException {
        ProblemDetail problem = of(status, code, request.getLocale());
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(status.value());
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        if (status == HttpStatus.UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"api\"");
        }
        response.getWriter().write(json.writeValueAsString(problem));
    }
}
