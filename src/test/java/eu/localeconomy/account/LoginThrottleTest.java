package eu.localeconomy.account;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTest {

    private final SecurityProperties properties = new SecurityProperties(19456, 2, 5, Duration.ofHours(1), 3,
            Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofDays(7), Duration.ofMinutes(15));
    private final LoginThrottle throttle = new LoginThrottle(properties);

    @Test
    void anAddressGetsItsAllowanceThenWaits() {
        assertThat(throttle.tryAttempt("203.0.113.9")).isTrue();
        assertThat(throttle.tryAttempt("203.0.113.9")).isTrue();
        assertThat(throttle.tryAttempt("203.0.113.9")).isTrue();
        assertThat(throttle.tryAttempt("203.0.113.9")).isFalse();
        assertThat(throttle.tryAttempt("198.51.100.1")).as("another address is not affected").isTrue();
    }

    @Test
    void theLockGrowsWithEachFurtherFailureUpToTheMaximum() {
        Instant now = Instant.parse("2026-07-01T10:00:00Z");
        assertThat(throttle.lockAfter(4, now)).isNull();
        assertThat(throttle.lockAfter(5, now)).isEqualTo(now.plus(Duration.ofMinutes(1)));
        assertThat(throttle.lockAfter(6, now)).isEqualTo(now.plus(Duration.ofMinutes(2)));
        assertThat(throttle.lockAfter(8, now)).isEqualTo(now.plus(Duration.ofMinutes(8)));
        assertThat(throttle.lockAfter(30, now)).isEqualTo(now.plus(Duration.ofHours(1)));
    }
}
