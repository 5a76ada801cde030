package eu.localeconomy.account;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;

/**
 * Two brakes on password guessing. Per client address: a token bucket (Bucket4j) on login, reset and second-factor
 * attempts, kept in memory on each node. Per account: a lock after repeated failures whose length doubles with each
 * further failure, kept in the database so every node honours it.
 */
@Component
class LoginThrottle {

    private final SecurityProperties properties;
    private final Cache<String, Bucket> buckets;

    LoginThrottle(SecurityProperties properties) {
        this.properties = properties;
        this.buckets = Caffeine.newBuilder().maximumSize(100_000)
                .expireAfterAccess(properties.attemptWindow().multipliedBy(2)).build();
    }

    /** Takes one attempt from the address's allowance; false when it is used up. */
    boolean tryAttempt(String address) {
        String key = address == null ? "unknown" : address;
        return buckets.get(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(properties.attemptsPerIp())
                        .refillGreedy(properties.attemptsPerIp(), properties.attemptWindow()).build())
                .build()).tryConsume(1);
    }

    /** The lock that follows the given number of consecutive failures, or null while under the threshold. */
    Instant lockAfter(int consecutiveFailures, Instant now) {
        int over = consecutiveFailures - properties.lockAfterFailures();
        if (over < 0) {
            return null;
        }
        Duration lock = Duration.ofMinutes(1L << Math.min(over, 20));
        return now.plus(lock.compareTo(properties.maxLock()) > 0 ? properties.maxLock() : lock);
    }
}
