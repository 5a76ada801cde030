package eu.localeconomy.savings.merchant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Token buckets (Bucket4j, in memory on each node) on the public application form, as the enrolment does: a few
 * applications per client address an hour is plenty for a real business and stops a script filling the city's
 * queue (and sending mails to addresses of its choice).
 */
@Component
class MerchantApplicationThrottle {

    private static final Duration WINDOW = Duration.ofHours(1);

    private final int perAddress;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterAccess(WINDOW.multipliedBy(2)).build();

    MerchantApplicationThrottle(@Value("${app.merchants.applications-per-hour:5}") int perAddress) {
        this.perAddress = perAddress;
    }

    boolean tryApply(String address) {
        return buckets.get(address == null ? "unknown" : address, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perAddress).refillGreedy(perAddress, WINDOW).build())
                .build()).tryConsume(1);
    }
}
