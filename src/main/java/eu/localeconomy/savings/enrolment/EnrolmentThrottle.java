package eu.localeconomy.savings.enrolment;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Token buckets (Bucket4j, in memory on each node) on identification attempts: one per client address, one per typed
 * card number or identifier. The per-card lock in the database is what holds across nodes.
 */
@Component
@EnableConfigurationProperties(EnrolmentProperties.class)
class EnrolmentThrottle {

    private final EnrolmentProperties properties;
    private final Cache<String, Bucket> perAddress;
    private final Cache<String, Bucket> perSubject;

    EnrolmentThrottle(EnrolmentProperties properties) {
        this.properties = properties;
        this.perAddress = Caffeine.newBuilder().maximumSize(100_000)
                .expireAfterAccess(properties.attemptWindow().multipliedBy(2)).build();
        this.perSubject = Caffeine.newBuilder().maximumSize(200_000)
                .expireAfterAccess(properties.attemptWindow().multipliedBy(2)).build();
    }

    /** Takes one attempt from the address's allowance and one from the subject's; false when either is used up. */
    boolean tryAttempt(String address, String subject) {
        boolean addressAllowed = perAddress.get(address == null ? "unknown" : address,
                k -> bucket(properties.attemptsPerIp())).tryConsume(1);
        if (!addressAllowed) {
            return false;
        }
        return subject == null || perSubject.get(subject, k -> bucket(properties.attemptsPerCard())).tryConsume(1);
    }

    private Bucket bucket(int capacity) {
        return Bucket.builder().addLimit(Bandwidth.builder().capacity(capacity)
                .refillGreedy(capacity, properties.attemptWindow()).build()).build();
    }
}
