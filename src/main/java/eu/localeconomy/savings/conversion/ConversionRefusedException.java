package eu.localeconomy.savings.conversion;

/** An execution that may not start; {@link #messageKey()} and {@link #arguments()} say why, in the user's language. */
public class ConversionRefusedException extends RuntimeException {

    private final String messageKey;
    private final Object[] arguments;

    public ConversionRefusedException(String messageKey, Object... arguments) {
        super(messageKey);
        this.messageKey = messageKey;
        this.arguments = arguments.clone();
    }

    public String messageKey() {
        return messageKey;
    }

    public Object[] arguments() {
        return arguments.clone();
    }
}
