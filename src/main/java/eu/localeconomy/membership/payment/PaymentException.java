package eu.localeconomy.membership.payment;

import java.util.List;

/**
 * A payment, refund, cancellation or settings change refused for something staff typed: {@code key} is a message of
 * the membership-payment bundle, {@code field} the form field it belongs to (null for the whole form). Thrown before
 * anything is written.
 */
public class PaymentException extends RuntimeException {

    private final String field;
    private final String key;
    private final List<Object> arguments;

    public PaymentException(String field, String key, Object... arguments) {
        super(key);
        this.field = field;
        this.key = key;
        this.arguments = List.of(arguments);
    }

    public String field() {
        return field;
    }

    public String key() {
        return key;
    }

    public Object[] arguments() {
        return arguments.toArray();
    }
}
