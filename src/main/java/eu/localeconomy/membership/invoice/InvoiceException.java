package eu.localeconomy.membership.invoice;

import java.util.List;

/**
 * An invoice that cannot be issued, or invoice settings refused: {@code key} is a message of the membership-invoice
 * bundle (for a missing mandatory mention {@code invoice.error.missing} with the mention's label key as argument),
 * {@code field} the settings form field it belongs to (null when none). Thrown before anything is written.
 */
public class InvoiceException extends RuntimeException {

    private final String field;
    private final String key;
    private final List<Object> arguments;

    public InvoiceException(String field, String key, Object... arguments) {
        super(key + (arguments.length == 0 ? "" : " " + List.of(arguments)));
        this.field = field;
        this.key = key;
        this.arguments = List.of(arguments);
    }

    /** A mandatory mention missing: {@code mention} is its key in {@link Mention}. */
    static InvoiceException missing(Mention mention) {
        return new InvoiceException(mention.field(), "invoice.error.missing", mention);
    }

    public String field() {
        return field;
    }

    public String key() {
        return key;
    }

    /** Arguments of the message, a mention as its label's resolvable (MessageSource resolves it in the language). */
    public Object[] arguments() {
        return arguments.stream().map(a -> a instanceof Mention m
                ? new org.springframework.context.support.DefaultMessageSourceResolvable(m.labelKey()) : a).toArray();
    }

    /** The message in this language. */
    public String message(org.springframework.context.MessageSource messages, java.util.Locale locale) {
        return messages.getMessage(key, arguments(), locale);
    }

    /** The missing mention, when that is why. */
    public Mention mention() {
        return arguments.stream().filter(Mention.class::isInstance).map(Mention.class::cast).findFirst().orElse(null);
    }
}
