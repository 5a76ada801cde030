package eu.localeconomy.savings.terminal;

import eu.localeconomy.api.Problems;
import eu.localeconomy.savings.ledger.LedgerException;
import eu.localeconomy.savings.ledger.LedgerProblem;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.List;
import java.util.Map;

/**
 * The ledger's refusals and the counter's own as problem JSON, for both the device API and the merchant app: type
 * {@code …/problems-base/<code>}, a status per problem, title and detail in the client's language, the refusal's
 * details (amounts, dates) as extension members. Ahead of the api module's handler, whose catch-all would answer 500.
 */
@RestControllerAdvice(assignableTypes = {TerminalApiController.class, CounterAppController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class TerminalProblems {

    private final Problems problems;
    private final MessageSource messages;

    TerminalProblems(Problems problems, MessageSource messages) {
        this.problems = problems;
        this.messages = messages;
    }

    static HttpStatus status(LedgerProblem problem) {
        return switch (problem) {
            case UNKNOWN_CARD, UNKNOWN_TRANSACTION -> HttpStatus.NOT_FOUND;
            case INVALID_IDEMPOTENCY_KEY -> HttpStatus.BAD_REQUEST;
            case IDEMPOTENCY_CONFLICT -> HttpStatus.CONFLICT;
            case MERCHANT_SUSPENDED -> HttpStatus.FORBIDDEN;
            case CARD_NOT_ACTIVE, CARD_BLOCKED, OUTSIDE_PHASE, CAP_REACHED, INSUFFICIENT_VOUCHER, LIMIT_EXCEEDED,
                 INVALID_AMOUNT, NOT_REVERSIBLE, REVERSAL_WINDOW_CLOSED, ALREADY_REVERSED, REASON_REQUIRED ->
                    HttpStatus.UNPROCESSABLE_CONTENT;
        };
    }

    @ExceptionHandler(LedgerException.class)
    ResponseEntity<ProblemDetail> ledger(LedgerException e) {
        HttpStatus status = status(e.problem());
        ProblemDetail problem = problems.of(status, e.problem().code());
        e.details().forEach((name, value) -> problem.setProperty(name, value instanceof eu.localeconomy.shared.Money m
                ? m.plain() : value));
        return ResponseEntity.status(status).body(problem);
    }

    @ExceptionHandler(TerminalException.class)
    ResponseEntity<ProblemDetail> terminal(TerminalException e) {
        ProblemDetail problem = problems.of(e.status(), e.code());
        if (e.field() != null) {
            problem.setProperty("errors", List.of(Map.of("field", e.field(), "message",
                    messages.getMessage("terminal.field." + e.field() + ".invalid", null, LocaleContextHolder.getLocale()))));
        }
        return ResponseEntity.status(e.status()).body(problem);
    }
}
