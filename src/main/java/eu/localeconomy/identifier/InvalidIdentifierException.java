package eu.localeconomy.identifier;

/**
 * An identifier that failed validation. The {@code type} and {@code reason} are stable codes (not prose) so that
 * callers can show a translated message under {@link #messageKey()}. The rejected input is deliberately not part
 * of the message: some identifiers (the national register number) are personal data and must not reach logs.
 */
public class InvalidIdentifierException extends RuntimeException {

    private final String type;
    private final String reason;

    public InvalidIdentifierException(String type, String reason) {
        this(type, reason, null);
    }

    public InvalidIdentifierException(String type, String reason, Throwable cause) {
        super("invalid " + type + ": " + reason, cause);
        this.type = type;
        this.reason = reason;
    }

    /** The identifier type, e.g. {@code nrn}, {@code iban}. */
    public String type() {
        return type;
    }

    /** Why it was rejected, e.g. {@code format}, {@code checksum}, {@code month}. */
    public String reason() {
        return reason;
    }

    /** {@code identifier.<type>.<reason>}, for a message bundle. */
    public String messageKey() {
        return "identifier." + type + "." + reason;
    }
}
