package eu.localeconomy.account;

import org.springframework.validation.Errors;

/**
 * NIST SP 800-63B style: long enough, not absurdly long (argon2 input), not the e-mail address, confirmed.
 * No composition rules; they push people to predictable patterns.
 */
final class PasswordPolicy {

    static final int MIN_LENGTH = 12;
    static final int MAX_LENGTH = 128;

    private PasswordPolicy() {
    }

    static void check(String password, String confirmation, String email, Errors errors) {
        if (password == null || password.length() < MIN_LENGTH) {
            errors.rejectValue("password", "password.tooShort", new Object[]{MIN_LENGTH}, null);
        } else if (password.length() > MAX_LENGTH) {
            errors.rejectValue("password", "password.tooLong", new Object[]{MAX_LENGTH}, null);
        } else if (email != null && password.trim().equalsIgnoreCase(email.trim())) {
            errors.rejectValue("password", "password.isEmail");
        } else if (!password.equals(confirmation)) {
            errors.rejectValue("confirmation", "password.mismatch");
        }
    }
}
