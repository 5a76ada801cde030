package eu.localeconomy.savings.terminal;

import org.springframework.http.HttpStatus;

/**
 * A request the counter refuses before it reaches the ledger: no idempotency key, an amount that is not an amount, a
 * device that is not the cashier's shop's. {@code code} is the problem type's last segment; {@code field} names the
 * offending field for validation problems.
 */
class TerminalException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final String field;

    TerminalException(HttpStatus status, String code, String field) {
        super(code);
        this.status = status;
        this.code = code;
        this.field = field;
    }

    static TerminalException invalidAmount(String field) {
        return new TerminalException(HttpStatus.BAD_REQUEST, "validation", field);
    }

    HttpStatus status() {
        return status;
    }

    String code() {
        return code;
    }

    String field() {
        return field;
    }
}
