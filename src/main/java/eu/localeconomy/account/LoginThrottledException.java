package eu.localeconomy.account;

import org.springframework.security.core.AuthenticationException;

/** Too many attempts from one address: the login form says so and asks to wait. */
class LoginThrottledException extends AuthenticationException {

    LoginThrottledException() {
        super("too many attempts");
    }
}
