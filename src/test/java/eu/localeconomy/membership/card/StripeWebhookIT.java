package eu.localeconomy.membership.card;

import eu.localeconomy.support.IntegrationTest;
import eu.localeconomy.support.StripeWebhooks;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Stripe's webhook: signature on the raw body, de-duplication by event id, each event's effect once. */
@IntegrationTest
class StripeWebhookIT {

    @Autowired MockMvc mvc;
    @Autowired StripeWebhooks webhooks;
    @Autowired JdbcClient jdbc;

    @Test
    void aBadMissingOrStaleSignatureIsA400ProblemAndNothingIsWritten() throws Exception {
        String payload = webhooks.event("account.updated", "acct_unknown", Map.of("id", "acct_unknown", "object", "account"));
        String id = eventId(payload);
        String good = webhooks.signature(payload);
        long now = Instant.now().getEpochSecond();
        for (String signature : new String[]{
                StripeWebhooks.signature(payload, "whsec_another_secret", now),
                StripeWebhooks.signature(payload, "whsec_test_secret", now - 3600),
                "t=" + now + ",v1=00",
                "garbage",
                ""}) {
            mvc.perform(post("/webhooks/stripe").contentType(MediaType.APPLICATION_JSON).content(payload)
                            .header("Stripe-Signature", signature))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.type").value("https://errors.localeconomy.eu/stripe-signature"));
        }
        mvc.perform(post("/webhooks/stripe").contentType(MediaType.APPLICATION_JSON).content(payload))
                .andExpect(status().isBadRequest());
        // The body changed after signing (one byte): refused.
        mvc.perform(post("/webhooks/stripe").contentType(MediaType.APPLICATION_JSON).content(payload.replace("false", "true "))
                        .header("Stripe-Signature", good))
                .andExpect(status().isBadRequest());
        assertThat(events(id)).isZero();
    }

    @Test
    void anEventOfAnUnknownAccountIsAcknowledgedAndIgnored() throws Exception {
        String payload = webhooks.event("checkout.session.completed", "acct_nobody_knows",
                Map.of("id", "cs_test_nobody", "object", "checkout.session", "payment_status", "paid"));
        for (int i = 0; i < 2; i++) {
            mvc.perform(post("/webhooks/stripe").contentType(MediaType.APPLICATION_JSON).content(payload)
                            .header("Stripe-Signature", webhooks.signature(payload)))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.outcome").value(i == 0 ? "UNKNOWN_ACCOUNT" : "DUPLICATE"));
        }
        assertThat(jdbc.sql("select outcome from membership_stripe_event where event_id = ?")
                .params(eventId(payload)).query(String.class).single()).isEqualTo("UNKNOWN_ACCOUNT");
    }

    private int events(String id) {
        return jdbc.sql("select count(*) from membership_stripe_event where event_id = ?").params(id)
                .query(Integer.class).single();
    }

    static String eventId(String payload) {
        int start = payload.indexOf("\"id\":\"") + 6;
        return payload.substring(start, payload.indexOf('"', start));
    }
}
