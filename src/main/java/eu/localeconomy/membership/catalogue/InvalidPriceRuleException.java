package eu.localeconomy.membership.catalogue;

import java.util.List;

/**
 * A price rule whose parameters do not make sense ({@code messageKey} in the catalogue bundle, with its arguments),
 * so the office sees what to fix instead of a price computed from a guess.
 */
public class InvalidPriceRuleException extends RuntimeException {

    private final String messageKey;
    private final List<Object> arguments;

    public InvalidPriceRuleException(String messageKey, Object... arguments) {
        super(messageKey + " " + List.of(arguments));
        this.messageKey = messageKey;
        this.arguments = List.of(arguments);
    }

    public String messageKey() {
        return messageKey;
    }

    public Object[] arguments() {
        return arguments.toArray();
    }
}
