package eu.localeconomy.account;

/** Authority of someone who gave the right password but still owes the TOTP code. */
final class SecondFactor {

    static final String PENDING = "FACTOR_TOTP_PENDING";

    private SecondFactor() {
    }
}
