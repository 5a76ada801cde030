package eu.localeconomy.api;

import jakarta.validation.ConstraintViolationException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every error of the API as problem+json: malformed JSON and wrong types name the field, validation failures list
 * each field with a message in the client's language, unknown routes are 404 and unexpected failures a 500 that
 * shows nothing internal. Only for {@link ApiController}s: the token screen in this package keeps HTML error pages.
 */
@RestControllerAdvice(annotations = ApiController.class)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final URI ABOUT_BLANK = URI.create("about:blank");

    private final Problems problems;
    private final MessageSource messages;

    ApiExceptionHandler(Problems problems, MessageSource messages) {
        this.problems = problems;
        this.messages = messages;
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = problems.of(HttpStatus.BAD_REQUEST, "validation");
        problem.setProperty("errors", ex.getBindingResult().getFieldErrors().stream()
                .map(e -> Map.of("field", e.getField(), "message", messages.getMessage(e, LocaleContextHolder.getLocale())))
                .toList());
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
                                                                            HttpHeaders headers, HttpStatusCode status,
                                                                            WebRequest request) {
        ProblemDetail problem = problems.of(HttpStatus.BAD_REQUEST, "validation");
        problem.setProperty("errors", ex.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream().map(e -> Map.of(
                        "field", String.valueOf(r.getMethodParameter().getParameterName()),
                        "message", messages.getMessage(e, LocaleContextHolder.getLocale()))))
                .toList());
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        String field = fieldOf(ex);
        ProblemDetail problem = field == null
                ? problems.of(HttpStatus.BAD_REQUEST, "malformed-json")
                : problems.of(HttpStatus.BAD_REQUEST, "invalid-field", field);
        if (field != null) {
            problem.setProperty("errors", List.of(Map.of("field", field,
                    "message", messages.getMessage("api.problem.invalid-field.detail", new Object[]{field}, LocaleContextHolder.getLocale()))));
        }
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex, HttpHeaders headers,
                                                                    HttpStatusCode status, WebRequest request) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problems.of(HttpStatus.NOT_FOUND, "not-found"));
    }

    @Override
    protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(HttpRequestMethodNotSupportedException ex,
                                                                         HttpHeaders headers, HttpStatusCode status,
                                                                         WebRequest request) {
        return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).headers(headers)
                .body(problems.of(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", ex.getMethod()));
    }

    /** Problems that Spring MVC builds itself (415, 406, …) get a stable type, and our wording where we have one. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
                                                          WebRequest request) {
        if (body instanceof ProblemDetail spring && (spring.getType() == null || ABOUT_BLANK.equals(spring.getType()))) {
            HttpStatus status = HttpStatus.resolve(statusCode.value());
            String code = status == null ? "error" : status.getReasonPhrase().toLowerCase(Locale.ROOT).replace(' ', '-');
            ProblemDetail problem = problems.of(statusCode, code);
            if (problem.getDetail() == null) {
                problem.setTitle(spring.getTitle());
                problem.setDetail(spring.getDetail());
            }
            problem.setInstance(spring.getInstance());
            body = problem;
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException ex) {
        ProblemDetail problem = problems.of(HttpStatus.BAD_REQUEST, "invalid-parameter", ex.getName());
        problem.setProperty("errors", List.of(Map.of("field", ex.getName(), "message", problem.getDetail())));
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> constraint(ConstraintViolationException ex) {
        ProblemDetail problem = problems.of(HttpStatus.BAD_REQUEST, "validation");
        problem.setProperty("errors", ex.getConstraintViolations().stream()
                .map(v -> Map.of("field", lastNode(v.getPropertyPath()), "message", v.getMessage()))
                .collect(Collectors.toList()));
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception ex) {
        logger.error("Unexpected API failure", ex);
        return ResponseEntity.internalServerError().body(problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal"));
    }

    private static String lastNode(jakarta.validation.Path path) {
        String name = "";
        for (jakarta.validation.Path.Node node : path) {
            name = node.getName();
        }
        return name;
    }

    /** The JSON path of the offending value, e.g. {@code role} or {@code items[2].quantity}. */
    private static String fieldOf(HttpMessageNotReadableException ex) {
        Throwable cause = ex.getCause();
        while (cause != null && !(cause instanceof JacksonException)) {
            cause = cause.getCause();
        }
        if (!(cause instanceof JacksonException jackson) || jackson.getPath().isEmpty()) {
            return null;
        }
        var path = new StringBuilder();
        for (JacksonException.Reference reference : jackson.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? null : path.toString();
    }
}
