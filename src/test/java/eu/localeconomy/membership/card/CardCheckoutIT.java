package eu.localeconomy.membership.card;

import eu.localeconomy.membership.extranet.PaymentMethod;
import eu.localeconomy.membership.payment.OrderEvent;
import eu.localeconomy.membership.payment.OrderTimeline;
import eu.localeconomy.support.IntegrationTest;
import eu.localeconomy.support.OrderFixtures;
import eu.localeconomy.support.StripeStub;
import eu.localeconomy.support.StripeWebhooks;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** "Pay by card": a Checkout Session as a direct charge on the office's account, with the platform's fee. */
@IntegrationTest
class CardCheckoutIT {

    @Autowired MockMvc mvc;
    @Autowired OrderFixtures orders;
    @Autowired StripeStub stripe;
    @Autowired StripeWebhooks webhooks;
    @Autowired OrderTimeline timeline;
    @Autowired JdbcClient jdbc;

    @Test
    void theSessionIsCreatedOnTheConnectedAccountForTheBalanceWithTheFeeAndIsReusedWhileOpen() throws Exception {
        var order = orders.awaitingCardPayment();
        var office = order.office();
        String account = account(order);
        String pay = office.tenant().context().path() + "/pro/orders/" + order.orderId() + "/pay";

        var result = mvc.perform(post(pay).with(csrf())
                        .with(authentication(office.hotelPro().authentication())))
                .andExpect(status().isSeeOther()).andReturn();
        String url = result.getResponse().getRedirectedUrl();
        assertThat(url).startsWith(stripe.baseUrl() + "/pay/cs_test_");

        var created = stripe.requests("POST", "/v1/checkout/sessions", account);
        assertThat(created).hasSize(1);
        var request = created.getFirst();
        long gross = order.gross().cents();
        String orderBase = "http://localhost" + office.tenant().context().path() + "/pro/orders/" + order.orderId();
        assertThat(request.idempotencyKey()).isEqualTo("checkout-" + order.orderId() + "-" + gross + "-0");
        assertThat(request.params())
                .containsEntry("mode", "payment")
                .containsEntry("line_items[0][quantity]", "1")
                .containsEntry("line_items[0][price_data][currency]", "eur")
                .containsEntry("line_items[0][price_data][unit_amount]", String.valueOf(gross))
                .containsEntry("payment_intent_data[application_fee_amount]", String.valueOf(CardPayments.applicationFee(gross, 100)))
                .containsEntry("client_reference_id", order.orderId().toString())
                .containsEntry("metadata[order]", order.orderId().toString())
                .containsEntry("metadata[tenant]", order.tenant().value().toString())
                .containsEntry("customer_email", office.hotelPro().email())
                .containsEntry("locale", "en")
                .containsEntry("success_url", orderBase + "/card/success?session_id={CHECKOUT_SESSION_ID}")
                .containsEntry("cancel_url", orderBase + "/card/cancelled");
        String reference = jdbc.sql("select creditor_reference from membership_order where tenant_id = ? and id = ?")
                .params(order.tenant().value(), order.orderId()).query(String.class).single();
        assertThat(request.params().get("line_items[0][price_data][product_data][name]"))
                .startsWith("Campagne ").contains(" — order ").endsWith(reference);
        assertThat(timeline.of(order.tenant(), order.orderId())).extracting(OrderEvent::kind).contains("card.checkout.started");

        // Back from Stripe without paying, the professional presses the button again: the same open session.
        mvc.perform(post(pay).with(csrf()).with(authentication(office.hotelPro().authentication())))
                .andExpect(status().isSeeOther()).andExpect(redirectedUrl(url));
        assertThat(stripe.requests("POST", "/v1/checkout/sessions", account)).hasSize(1);

        // Stripe expires the session: the next press creates a new one, with its own idempotency key.
        String sessionId = url.substring(url.lastIndexOf('/') + 1);
        String expired = webhooks.event("checkout.session.expired", account, Map.of("id", sessionId,
                "object", "checkout.session", "status", "expired", "payment_status", "unpaid"));
        mvc.perform(post("/webhooks/stripe").contentType(MediaType.APPLICATION_JSON).content(expired)
                .header("Stripe-Signature", webhooks.signature(expired))).andExpect(status().isOk());
        mvc.perform(post(pay).with(csrf()).with(authentication(office.hotelPro().authentication())))
                .andExpect(status().isSeeOther());
        var again = stripe.requests("POST", "/v1/checkout/sessions", account);
        assertThat(again).hasSize(2);
        assertThat(again.getLast().idempotencyKey()).isEqualTo("checkout-" + order.orderId() + "-" + gross + "-1");
    }

    @Test
    void anotherProfessionalsOrderOrAnUnreadableIdIsNotFound() throws Exception {
        var order = orders.awaitingCardPayment();
        var office = order.office();
        String base = office.tenant().context().path() + "/pro/orders/";
        mvc.perform(post(base + order.orderId() + "/pay").with(csrf())
                        .with(authentication(office.campsitePro().authentication())))
                .andExpect(status().isNotFound());
        for (String id : new String[]{"nope", "1-2-3-4-5", java.util.UUID.randomUUID().toString()}) {
            mvc.perform(post(base + id + "/pay").with(csrf()).with(authentication(office.hotelPro().authentication())))
                    .andExpect(status().isNotFound());
        }
        mvc.perform(post(base + order.orderId() + "/pay").with(authentication(office.hotelPro().authentication())))
                .andExpect(status().isForbidden());
        assertThat(stripe.requests("POST", "/v1/checkout/sessions", account(order))).isEmpty();
    }

    @Test
    void anOrderPaidAnotherWayOrAnAccountThatCannotChargeIsRefusedOnTheOrderPage() throws Exception {
        var transfer = orders.awaitingPayment(PaymentMethod.TRANSFER);
        String orderPage = transfer.office().tenant().context().path() + "/pro/orders/" + transfer.orderId();
        mvc.perform(post(orderPage + "/pay").with(csrf()).with(authentication(transfer.office().hotelPro().authentication())))
                .andExpect(status().isSeeOther())
                .andExpect(redirectedUrl(orderPage))
                .andExpect(flash().attribute("alert", "card.error.notCard"));

        var card = orders.awaitingCardPayment();
        String account = account(card);
        String disabled = webhooks.event("account.updated", account, Map.of("id", account, "object", "account",
                "charges_enabled", false, "details_submitted", true));
        mvc.perform(post("/webhooks/stripe").contentType(MediaType.APPLICATION_JSON).content(disabled)
                .header("Stripe-Signature", webhooks.signature(disabled))).andExpect(status().isOk());
        String cardPage = card.office().tenant().context().path() + "/pro/orders/" + card.orderId();
        mvc.perform(post(cardPage + "/pay").with(csrf()).with(authentication(card.office().hotelPro().authentication())))
                .andExpect(status().isSeeOther())
                .andExpect(redirectedUrl(cardPage))
                .andExpect(flash().attribute("alert", "card.error.notReady"));

        // Paid in full meanwhile (staff recorded a transfer): nothing left to pay by card.
        String account2 = account;
        stripe.enableCharges(account2);
        String enabled = webhooks.event("account.updated", account, Map.of("id", account, "object", "account",
                "charges_enabled", true, "details_submitted", true));
        mvc.perform(post("/webhooks/stripe").contentType(MediaType.APPLICATION_JSON).content(enabled)
                .header("Stripe-Signature", webhooks.signature(enabled))).andExpect(status().isOk());
        orders.payInFull(card);
        mvc.perform(post(cardPage + "/pay").with(csrf()).with(authentication(card.office().hotelPro().authentication())))
                .andExpect(flash().attribute("alert", "card.error.nothingDue"));
        assertThat(stripe.requests("POST", "/v1/checkout/sessions", account)).isEmpty();
    }

    private String account(OrderFixtures.Placed order) {
        return jdbc.sql("select account_id from membership_stripe_account where tenant_id = ?")
                .params(order.tenant().value()).query(String.class).single();
    }
}
