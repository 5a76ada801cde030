package eu.localeconomy.savings.enrolment;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Guessing protection and link lifetimes of the enrolment website.
 *
 * @param attemptsPerIp        identification attempts allowed per client address and window
 * @param attemptsPerCard      identification attempts allowed per typed card number (or identifier) and window, on
 *                             every node separately; the lock below is the cross-node brake
 * @param attemptWindow        the window of both allowances
 * @param lockAfterMismatches  consecutive mismatches on one card (or one identifier) that lock it
 * @param lockDuration         how long such a lock lasts
 * @param verificationValidity lifetime of the e-mail verification link
 * @param identificationValidity how long a successful identification waits for the e-mail step
 */
@ConfigurationProperties("app.enrolment")
record EnrolmentProperties(@DefaultValue("20") int attemptsPerIp,
                           @DefaultValue("10") int attemptsPerCard,
                           @DefaultValue("5m") Duration attemptWindow,
                           @DefaultValue("5") int lockAfterMismatches,
                           @DefaultValue("30m") Duration lockDuration,
                           @DefaultValue("24h") Duration verificationValidity,
                           @DefaultValue("30m") Duration identificationValidity) {
}
