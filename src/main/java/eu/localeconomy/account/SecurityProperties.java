package eu.localeconomy.account;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Security settings, all with production-grade defaults.
 *
 * @param argon2MemoryKib      argon2id memory cost (OWASP minimum 19 MiB with 2 iterations)
 * @param argon2Iterations     argon2id time cost
 * @param lockAfterFailures    failed logins after which an account is locked, for a time that doubles each further failure
 * @param maxLock              longest lock
 * @param attemptsPerIp        login, reset and second-factor attempts allowed per client address and window
 * @param attemptWindow        the window of {@code attemptsPerIp}
 * @param resetValidity        lifetime of a password-reset link
 * @param invitationValidity   lifetime of an invitation link
 */
@ConfigurationProperties("app.security")
record SecurityProperties(@DefaultValue("19456") int argon2MemoryKib,
                          @DefaultValue("2") int argon2Iterations,
                          @DefaultValue("5") int lockAfterFailures,
                          @DefaultValue("1h") Duration maxLock,
                          @DefaultValue("30") int attemptsPerIp,
                          @DefaultValue("5m") Duration attemptWindow,
                          @DefaultValue("1h") Duration resetValidity,
                          @DefaultValue("7d") Duration invitationValidity) {
}
