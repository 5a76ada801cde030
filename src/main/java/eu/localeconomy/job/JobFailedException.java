package eu.localeconomy.job;

/**
 * Ends a job as FAILED with a message key the job page shows in the user's language (e.g.
 * {@code savings.register-import.error.fileUnreadable}). The key is stable; the message must not carry personal data.
 */
public class JobFailedException extends RuntimeException {

    private final String messageKey;

    public JobFailedException(String messageKey) {
        super(messageKey);
        this.messageKey = messageKey;
    }

    public JobFailedException(String messageKey, Throwable cause) {
        super(messageKey, cause);
        this.messageKey = messageKey;
    }

    public String messageKey() {
        return messageKey;
    }
}
