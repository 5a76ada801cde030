package eu.localeconomy.membership.card;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The platform's Stripe settings ({@code app.stripe.*}, see docs/configuration.md).
 *
 * @param secretKey                 the platform's secret key; blank = card payments not configured on this platform
 * @param webhookSecret             the signing secret of the webhook endpoint ({@code whsec_…})
 * @param apiBase                   Stripe's API base; blank = Stripe's own. Tests point it at a local stub.
 * @param connectBase               Connect base (OAuth); blank = the API base when one is set, else Stripe's
 * @param filesBase                 files base; blank = the API base when one is set, else Stripe's
 * @param applicationFeeBasisPoints the platform's fee on each card payment, in basis points (100 = 1 %)
 * @param platformName              the platform's name as shown next to the fee
 */
@ConfigurationProperties("app.stripe")
record StripeProperties(String secretKey, String webhookSecret, String apiBase, String connectBase, String filesBase,
                        @DefaultValue("100") int applicationFeeBasisPoints,
                        @DefaultValue("Local economy platform") String platformName) {

    StripeProperties {
        if (applicationFeeBasisPoints < 0 || applicationFeeBasisPoints > 10_000) {
            throw new IllegalArgumentException("app.stripe.application-fee-basis-points must be between 0 and 10000");
        }
    }

    boolean configured() {
        return secretKey != null && !secretKey.isBlank();
    }

    @Override
    public String toString() {
        // Never print the keys (configuration dumps, failure analysis).
        return "StripeProperties[apiBase=" + apiBase + ", applicationFeeBasisPoints=" + applicationFeeBasisPoints + "]";
    }
}
