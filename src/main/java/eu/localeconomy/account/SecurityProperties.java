package eu.localeconomy.account;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Security settings, all with production-grade defaults.
 *
 * @param argon2MemoryKib      argon2id memory cost; with 5 iterations, 7 MiB is one of OWASP's minimum settings, the one
 *                             cheapest in CPU here and lightest in memory when many people log in at once
 * @param argon2Iterations     argon2id time cost
 * @param lockAfterFailures    failed logins after which an account is locked, for a time that doubles each further failure
 * @param maxLock              longest lock
 * @param attemptsPerIp        login, reset and second-factor attempts allowed per client address and window
 * @param attemptWindow        the window of {@code attemptsPerIp}
 * @param resetValidity        lifetime of a password-reset link
 * @param invitationValidity   lifetime of an invitation link
 * @param loginLinkValidity    lifetime of a passwordless login link
 */
@ConfigurationProperties("app.security")
record SecurityProperties(@DefaultValue("7168") int argon2MemoryKib,
                          @DefaultValue("5") int argon2Iterations,
                          @DefaultValue("5") int lockAfterFailures,
                          @DefaultValue("1h") Duration maxLock,
                          @DefaultValue("30") int attemptsPerIp,
                          @DefaultValue("5m") Duration attemptWindow,
                          @DefaultValue("1h") Duration resetValidity,
                          @DefaultValue("7d") Duration invitationValidity,
                          @DefaultValue("15m") Duration loginLinkValidity) {
}
