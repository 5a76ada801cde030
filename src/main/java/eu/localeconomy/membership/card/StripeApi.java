package eu.localeconomy.membership.card;

import com.stripe.StripeClient;
import com.stripe.net.RequestOptions;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * The one {@link StripeClient} of the platform, built once from {@link StripeProperties} (API base overridable for
 * the tests' stub); absent when no secret key is configured. Every call names the connected account it acts on and
 * an idempotency key through {@link #on}.
 */
@Component
@EnableConfigurationProperties(StripeProperties.class)
class StripeApi {

    private final StripeProperties properties;
    private final StripeClient client;

    StripeApi(StripeProperties properties) {
        this.properties = properties;
        this.client = properties.configured() ? build(properties) : null;
    }

    private static StripeClient build(StripeProperties p) {
        var builder = StripeClient.builder().setApiKey(p.secretKey());
        if (present(p.apiBase())) {
            builder.setApiBase(p.apiBase());
            builder.setConnectBase(present(p.connectBase()) ? p.connectBase() : p.apiBase());
            builder.setFilesBase(present(p.filesBase()) ? p.filesBase() : p.apiBase());
        } else {
            if (present(p.connectBase())) {
                builder.setConnectBase(p.connectBase());
            }
            if (present(p.filesBase())) {
                builder.setFilesBase(p.filesBase());
            }
        }
        return builder.build();
    }

    boolean configured() {
        return client != null;
    }

    /** The client; {@link CardException} "not configured" when the platform has no key. */
    StripeClient client() {
        return Optional.ofNullable(client).orElseThrow(() -> new CardException("card.error.notConfigured"));
    }

    StripeProperties properties() {
        return properties;
    }

    /** Options of one call: on the connected {@code account} (direct charges), with an idempotency key. */
    static RequestOptions on(String account, String idempotencyKey) {
        var options = RequestOptions.builder();
        if (account != null) {
            options.setStripeAccount(account);
        }
        if (idempotencyKey != null) {
            options.setIdempotencyKey(idempotencyKey);
        }
        return options.build();
    }

    private static boolean present(String text) {
        return text != null && !text.isBlank();
    }
}
