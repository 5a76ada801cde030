package eu.localeconomy.membership.sync;

/**
 * The feed could not be read: a message key of the sync bundle ({@code membership.sync.error.*}) with one argument
 * (an HTTP status, a short technical detail), shown in the run's report in the user's language.
 */
class FeedException extends Exception {

    private final String messageKey;
    private final String argument;

    FeedException(String messageKey, String argument) {
        super(messageKey + (argument == null ? "" : ": " + argument));
        this.messageKey = messageKey;
        this.argument = argument;
    }

    FeedException(String messageKey, String argument, Throwable cause) {
        super(messageKey + (argument == null ? "" : ": " + argument), cause);
        this.messageKey = messageKey;
        this.argument = argument;
    }

    String messageKey() {
        return messageKey;
    }

    String argument() {
        return argument;
    }
}
