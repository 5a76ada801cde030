package eu.localeconomy.membership.extranet;

import java.util.List;

/**
 * A basket change or an order refused for something the professional typed or posted: {@code key} is a message of the
 * membership-extranet bundle, {@code arguments} its arguments (product names already in the reader's language).
 * Thrown inside the change's transaction, so the basket stays as it was.
 */
class BasketException extends RuntimeException {

    private final String key;
    private final List<Object> arguments;

    BasketException(String key, Object... arguments) {
        super(key);
        this.key = key;
        this.arguments = List.of(arguments);
    }

    String key() {
        return key;
    }

    Object[] arguments() {
        return arguments.toArray();
    }
}
