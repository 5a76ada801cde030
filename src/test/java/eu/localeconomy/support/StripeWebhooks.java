package eu.localeconomy.support;

import com.stripe.Stripe;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Stripe events as Stripe sends them to the webhook: JSON of an event on a connected account, signed with the
 * test webhook secret ({@code Stripe-Signature: t=…,v1=HMAC-SHA256(secret, "t.payload")}).
 */
@Component
public class StripeWebhooks {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String secret;
    private final Clock clock;

    StripeWebhooks(@Value("${app.stripe.webhook-secret}") String secret, Clock clock) {
        this.secret = secret;
        this.clock = clock;
    }

    /** An event's JSON; a fresh {@code evt_} id. */
    public String event(String type, String account, Map<String, Object> object) {
        return event("evt_" + UUID.randomUUID().toString().replace("-", ""), type, account, object);
    }

    public String event(String id, String type, String account, Map<String, Object> object) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", id);
        event.put("object", "event");
        event.put("api_version", Stripe.API_VERSION);
        event.put("created", clock.instant().getEpochSecond());
        event.put("type", type);
        event.put("account", account);
        event.put("livemode", false);
        event.put("pending_webhooks", 1);
        event.put("data", Map.of("object", object));
        return JSON.writeValueAsString(event);
    }

    /** The Stripe-Signature header of this payload, signed now with the test secret. */
    public String signature(String payload) {
        return signature(payload, secret, clock.instant().getEpochSecond());
    }

    public static String signature(String payload, String secret, long timestamp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestamp + "." + payload).getBytes(StandardCharsets.UTF_8));
            return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(digest);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
