package eu.localeconomy.savings.register;

/** An upload or a mapping that cannot be accepted; the key names the reason in the register bundle. */
public class RegisterImportException extends Exception {

    private final String messageKey;

    public RegisterImportException(String messageKey) {
        super(messageKey, null, false, false);
        this.messageKey = messageKey;
    }

    public String messageKey() {
        return messageKey;
    }
}
