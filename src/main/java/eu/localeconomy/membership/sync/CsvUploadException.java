package eu.localeconomy.membership.sync;

/** A CSV file or mapping that cannot be used; the key (sync bundle) says why in the user's language. */
public class CsvUploadException extends Exception {

    private final String messageKey;

    public CsvUploadException(String messageKey) {
        super(messageKey);
        this.messageKey = messageKey;
    }

    public String messageKey() {
        return messageKey;
    }
}
