package eu.localeconomy.membership.card;

import eu.localeconomy.directory.Establishments;
import eu.localeconomy.membership.catalogue.Catalogue;
import eu.localeconomy.membership.extranet.OrderStatus;
import eu.localeconomy.membership.extranet.PaymentMethod;
import eu.localeconomy.membership.payment.OrderEvent;
import eu.localeconomy.membership.payment.OrderTimeline;
import eu.localeconomy.membership.payment.PaymentKind;
import eu.localeconomy.membership.payment.Payments;
import eu.localeconomy.membership.payment.RefundEntry;
import eu.localeconomy.shared.Money;
import eu.localeconomy.support.IntegrationTest;
import eu.localeconomy.support.OrderFixtures;
import eu.localeconomy.support.StripeStub;
import eu.localeconomy.support.StripeWebhooks;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Stripe's webhook: signature on the raw body, de-duplication by event id, each event's effect once. */
@IntegrationTest
class StripeWebhookIT {

    @Autowired MockMvc mvc;
    @Autowired StripeWebhooks webhooks;
    @Autowired JdbcClient jdbc;
    @Autowired OrderFixtures orders;
    @Autowired StripeStub stripe;
    @Autowired Payments payments;
    @Autowired OrderTimeline timeline;
    @Autowired Catalogue catalogue;
    @Autowired Establishments establishments;

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

    @Test
    void aCompletedSessionPaysTheOrderOnceEvenWhenReplayedOrSentTwice() throws Exception {
        var paid = paidSession();
        String payload = completed(paid);
        send(payload, "PROCESSED");
        var account = payments.account(paid.order().tenant(), paid.order().orderId()).orElseThrow();
        assertThat(account.status()).isEqualTo(OrderStatus.PAID);
        assertThat(account.payments()).singleElement().satisfies(p -> {
            assertThat(p.method()).isEqualTo(PaymentMethod.CARD);
            assertThat(p.externalId()).isEqualTo(paid.intent());
            assertThat(p.amount()).isEqualTo(paid.order().gross());
        });
        int season = catalogue.campaign(paid.order().tenant(), paid.order().office().campaign()).orElseThrow().season();
        assertThat(establishments.find(paid.order().tenant(), paid.order().office().hotel()).orElseThrow().memberSeasons())
                .containsExactly(season);
        assertThat(timeline.of(paid.order().tenant(), paid.order().orderId())).extracting(OrderEvent::kind)
                .contains("card.checkout.started", "payment.recorded");
        assertThat(jdbc.sql("select status from membership_stripe_checkout where session_id = ?").params(paid.session())
                .query(String.class).single()).isEqualTo("COMPLETED");

        // The same event again (Stripe re-delivers), then another event about the same payment.
        send(payload, "DUPLICATE");
        send(webhooks.event("checkout.session.async_payment_succeeded", paid.account(), sessionObject(paid)), "PROCESSED");
        assertThat(payments.account(paid.order().tenant(), paid.order().orderId()).orElseThrow().payments()).hasSize(1);
        assertThat(timeline.of(paid.order().tenant(), paid.order().orderId())).extracting(OrderEvent::kind)
                .filteredOn("payment.recorded"::equals).hasSize(1);
    }

    @Test
    void theSuccessPageAndTheWebhookTogetherRecordOnePayment() throws Exception {
        var paid = paidSession();
        var office = paid.order().office();
        String success = office.tenant().context().path() + "/pro/orders/" + paid.order().orderId()
                + "/card/success?session_id=" + paid.session();
        mvc.perform(get(success).with(authentication(office.hotelPro().authentication())))
                .andExpect(status().isOk())
                .andExpect(model().attribute("confirmation", "PAID"));
        assertThat(payments.account(paid.order().tenant(), paid.order().orderId()).orElseThrow().status())
                .isEqualTo(OrderStatus.PAID);
        send(completed(paid), "PROCESSED");
        mvc.perform(get(success).with(authentication(office.hotelPro().authentication())))
                .andExpect(model().attribute("confirmation", "PAID"));
        assertThat(payments.account(paid.order().tenant(), paid.order().orderId()).orElseThrow().payments()).hasSize(1);
        // Another professional cannot read it; a session of another order is not taken for this one.
        mvc.perform(get(success).with(authentication(office.campsitePro().authentication())))
                .andExpect(status().isNotFound());
    }

    @Test
    void anUnpaidSessionLeavesTheSuccessPageWaitingUntilStripeSaysPaidAndTheCancelledPageChargesNothing() throws Exception {
        var order = orders.awaitingCardPayment();
        var office = order.office();
        String session = startCheckout(order);
        String base = office.tenant().context().path() + "/pro/orders/" + order.orderId();
        mvc.perform(get(base + "/card/success?session_id=" + session).with(authentication(office.hotelPro().authentication())))
                .andExpect(status().isOk())
                .andExpect(model().attribute("confirmation", "PENDING"));
        mvc.perform(get(base + "/card/success?session_id=cs_test_forged").with(authentication(office.hotelPro().authentication())))
                .andExpect(model().attribute("confirmation", "PENDING"));
        mvc.perform(get(base + "/card/cancelled").with(authentication(office.hotelPro().authentication())))
                .andExpect(status().isOk());
        assertThat(payments.account(order.tenant(), order.orderId()).orElseThrow().payments()).isEmpty();

        // The page asks again by htmx while Stripe confirms; once paid the answer (286) stops the polling.
        mvc.perform(get(base + "/card/success?session_id=" + session).header("HX-Request", "true")
                        .with(authentication(office.hotelPro().authentication())))
                .andExpect(status().isOk())
                .andExpect(model().attribute("confirmation", "PENDING"));
        stripe.pay(session);
        mvc.perform(get(base + "/card/success?session_id=" + session).header("HX-Request", "true")
                        .with(authentication(office.hotelPro().authentication())))
                .andExpect(status().is(286))
                .andExpect(model().attribute("confirmation", "PAID"));
        assertThat(payments.account(order.tenant(), order.orderId()).orElseThrow().status()).isEqualTo(OrderStatus.PAID);
    }

    @Test
    void aSessionPaidForAnOrderCancelledMeanwhileIsKeptOnTheTimelineNotRetriedForever() throws Exception {
        var order = orders.awaitingCardPayment();
        String session = startCheckout(order);
        // Paid at Stripe just before the office cancels the order (Stripe then refuses to expire the session).
        stripe.pay(session);
        payments.cancel(order.tenant(), order.orderId(), "Doublon", order.office().admin().principal());
        var paid = new Paid(order, account(order), session, (String) stripe.session(session).get("payment_intent"));
        send(completed(paid), "REFUSED");
        assertThat(payments.account(order.tenant(), order.orderId()).orElseThrow().payments()).isEmpty();
        assertThat(timeline.of(order.tenant(), order.orderId())).extracting(OrderEvent::kind).contains("card.payment.refused");
        // Staff see it on the order's page, in words.
        String page = mvc.perform(get(order.office().tenant().context().path() + "/office/orders/" + order.orderId())
                        .with(authentication(order.office().admin().authentication())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Card payment taken for a closed order").doesNotContain("??");
    }

    @Test
    void cancellingAnOrderExpiresItsOpenSessionAtStripe() throws Exception {
        var order = orders.awaitingCardPayment();
        String session = startCheckout(order);
        payments.cancel(order.tenant(), order.orderId(), "Doublon", order.office().admin().principal());
        // After the cancellation's commit, by the module's event listener.
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(15).toNanos();
        while (!"EXPIRED".equals(checkoutStatus(session)) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(checkoutStatus(session)).isEqualTo("EXPIRED");
        assertThat(stripe.session(session)).containsEntry("status", "expired");
        assertThat(stripe.requests("POST", "/v1/checkout/sessions/" + session + "/expire", account(order)))
                .singleElement().satisfies(r -> assertThat(r.idempotencyKey()).isEqualTo("expire-" + session));
        assertThat(timeline.of(order.tenant(), order.orderId())).extracting(OrderEvent::kind).contains("card.checkout.expired");
        assertThatThrownBy(() -> stripe.pay(session)).isInstanceOf(IllegalStateException.class);
    }

    private String checkoutStatus(String session) {
        return jdbc.sql("select status from membership_stripe_checkout where session_id = ?").params(session)
                .query(String.class).single();
    }

    @Test
    void anExpiredSessionIsMarkedAndShownOnTheTimeline() throws Exception {
        var order = orders.awaitingCardPayment();
        String session = startCheckout(order);
        String account = account(order);
        String payload = webhooks.event("checkout.session.expired", account, Map.of("id", session,
                "object", "checkout.session", "status", "expired", "payment_status", "unpaid"));
        send(payload, "PROCESSED");
        send(payload, "DUPLICATE");
        assertThat(jdbc.sql("select status from membership_stripe_checkout where session_id = ?").params(session)
                .query(String.class).single()).isEqualTo("EXPIRED");
        assertThat(timeline.of(order.tenant(), order.orderId())).extracting(OrderEvent::kind)
                .filteredOn("card.checkout.expired"::equals).hasSize(1);
        assertThat(payments.account(order.tenant(), order.orderId()).orElseThrow().status()).isEqualTo(OrderStatus.AWAITING_PAYMENT);
    }

    @Test
    void aRefundMadeInStripesDashboardIsRecordedOnceAndAFullOneRefundsTheOrder() throws Exception {
        var paid = paidSession();
        send(completed(paid), "PROCESSED");
        long gross = paid.order().gross().cents();
        var partial = stripe.dashboardRefund(paid.account(), paid.intent(), 1000);
        String first = chargeRefunded(paid, 1000, partial);
        send(first, "PROCESSED");
        send(first, "DUPLICATE");
        var account = payments.account(paid.order().tenant(), paid.order().orderId()).orElseThrow();
        assertThat(account.status()).isEqualTo(OrderStatus.PARTIALLY_PAID);
        assertThat(account.payments()).filteredOn(p -> p.kind() == PaymentKind.REFUND).singleElement()
                .satisfies(r -> assertThat(r.externalId()).isEqualTo(partial.get("id")));
        // Recorded without asking Stripe for another refund.
        assertThat(stripe.requests("POST", "/v1/refunds", paid.account())).isEmpty();

        var rest = stripe.dashboardRefund(paid.account(), paid.intent(), gross - 1000);
        // Stripe's charge lists both refunds: only the new one is recorded.
        send(chargeRefunded(paid, gross, partial, rest), "PROCESSED");
        account = payments.account(paid.order().tenant(), paid.order().orderId()).orElseThrow();
        assertThat(account.status()).isEqualTo(OrderStatus.REFUNDED);
        assertThat(account.payments()).filteredOn(p -> p.kind() == PaymentKind.REFUND).hasSize(2);
        assertThat(stripe.requests("POST", "/v1/refunds", paid.account())).isEmpty();
    }

    @Test
    void aRefundMadeByTheOfficeGoesThroughStripeAndItsWebhookAddsNothing() throws Exception {
        var paid = paidSession();
        send(completed(paid), "PROCESSED");
        var payment = payments.account(paid.order().tenant(), paid.order().orderId()).orElseThrow().payments().getFirst();
        var admin = paid.order().office().admin().principal();
        String key = UUID.randomUUID().toString();
        var refund = payments.refund(paid.order().tenant(), paid.order().orderId(), new RefundEntry(payment.id(),
                new Money(500, "EUR"), orders.today(paid.order()), null, "Geste commercial", key), admin);
        var calls = stripe.requests("POST", "/v1/refunds", paid.account());
        assertThat(calls).singleElement().satisfies(c -> {
            assertThat(c.params()).containsEntry("payment_intent", paid.intent()).containsEntry("amount", "500");
            assertThat(c.idempotencyKey()).isEqualTo("refund-" + key);
        });
        assertThat(refund.externalId()).startsWith("re_");
        var stripeRefund = stripe.requests("GET", "/v1/refunds", paid.account());
        assertThat(stripeRefund).isEmpty();
        send(chargeRefunded(paid, 500, Map.of("id", refund.externalId(), "object", "refund", "amount", 500,
                "currency", "eur", "payment_intent", paid.intent(), "status", "succeeded")), "IGNORED");
        var account = payments.account(paid.order().tenant(), paid.order().orderId()).orElseThrow();
        assertThat(account.payments()).filteredOn(p -> p.kind() == PaymentKind.REFUND).hasSize(1);
        assertThat(account.status()).isEqualTo(OrderStatus.PARTIALLY_PAID);
    }

    @Test
    void aReportedRefundFoundOnTheOrderOnceLockedIsNotRecordedAgain() throws Exception {
        // The race this guards: the office's refund commits while its webhook waits for the order's lock.
        var paid = paidSession();
        send(completed(paid), "PROCESSED");
        var payment = payments.account(paid.order().tenant(), paid.order().orderId()).orElseThrow().payments().getFirst();
        var admin = paid.order().office().admin().principal();
        var made = payments.refund(paid.order().tenant(), paid.order().orderId(), new RefundEntry(payment.id(),
                new Money(300, "EUR"), orders.today(paid.order()), null, "Erreur", UUID.randomUUID().toString()), admin);
        var reported = new com.stripe.model.Refund();
        reported.setId(made.externalId());
        reported.setAmount(300L);
        reported.setPaymentIntent(paid.intent());
        assertThatThrownBy(() -> CardGateway.reported(reported, () -> payments.refund(paid.order().tenant(),
                paid.order().orderId(), new RefundEntry(payment.id(), new Money(300, "EUR"), orders.today(paid.order()),
                        made.externalId(), "Stripe", made.externalId()), eu.localeconomy.shared.Actor.SYSTEM)))
                .isInstanceOf(CardGateway.AlreadyRecorded.class);
        assertThat(payments.account(paid.order().tenant(), paid.order().orderId()).orElseThrow().payments())
                .filteredOn(p -> p.kind() == PaymentKind.REFUND).hasSize(1);
        assertThat(stripe.requests("POST", "/v1/refunds", paid.account())).hasSize(1);
    }

    @Test
    void aChargeRefundedWithoutItsRefundsAsksStripeForThem() throws Exception {
        var paid = paidSession();
        send(completed(paid), "PROCESSED");
        stripe.dashboardRefund(paid.account(), paid.intent(), paid.order().gross().cents());
        String payload = webhooks.event("charge.refunded", paid.account(), Map.of("id", StripeStub.charge(paid.intent()),
                "object", "charge", "payment_intent", paid.intent(), "amount", paid.order().gross().cents(),
                "amount_refunded", paid.order().gross().cents(), "refunded", true, "currency", "eur"));
        send(payload, "PROCESSED");
        assertThat(payments.account(paid.order().tenant(), paid.order().orderId()).orElseThrow().status())
                .isEqualTo(OrderStatus.REFUNDED);
        assertThat(stripe.requests("GET", "/v1/refunds", paid.account())).isNotEmpty();
    }

    @Test
    void aFailureIsA500AndTheEventIsProcessedWhenStripeSendsItAgain() throws Exception {
        var paid = paidSession();
        send(completed(paid), "PROCESSED");
        stripe.dashboardRefund(paid.account(), paid.intent(), 700);
        String payload = webhooks.event("charge.refunded", paid.account(), Map.of("id", StripeStub.charge(paid.intent()),
                "object", "charge", "payment_intent", paid.intent(), "currency", "eur"));
        // Stripe answers 500 to the refunds list: the webhook fails (a 500 to Stripe), nothing kept, not even the id.
        stripe.failNext(1);
        try {
            assertThatThrownBy(() -> mvc.perform(post("/webhooks/stripe").contentType(MediaType.APPLICATION_JSON)
                    .content(payload).header("Stripe-Signature", webhooks.signature(payload))))
                    .hasRootCauseInstanceOf(com.stripe.exception.ApiException.class);
        } finally {
            stripe.failNext(0);
        }
        assertThat(events(eventId(payload))).isZero();
        assertThat(payments.account(paid.order().tenant(), paid.order().orderId()).orElseThrow().payments())
                .filteredOn(p -> p.kind() == PaymentKind.REFUND).isEmpty();
        send(payload, "PROCESSED");
        assertThat(payments.account(paid.order().tenant(), paid.order().orderId()).orElseThrow().payments())
                .filteredOn(p -> p.kind() == PaymentKind.REFUND).hasSize(1);
    }

    // ---- Helpers ----------------------------------------------------------------------------------------------

    record Paid(OrderFixtures.Placed order, String account, String session, String intent) {
    }

    /** An order whose professional started a checkout and paid on Stripe's (stub) page. */
    private Paid paidSession() throws Exception {
        var order = orders.awaitingCardPayment();
        String session = startCheckout(order);
        var s = stripe.pay(session);
        return new Paid(order, account(order), session, (String) s.get("payment_intent"));
    }

    private String startCheckout(OrderFixtures.Placed order) throws Exception {
        var office = order.office();
        String url = mvc.perform(post(office.tenant().context().path() + "/pro/orders/" + order.orderId() + "/pay")
                        .with(csrf()).with(authentication(office.hotelPro().authentication())))
                .andExpect(status().isSeeOther()).andReturn().getResponse().getRedirectedUrl();
        return url.substring(url.lastIndexOf('/') + 1);
    }

    private Map<String, Object> sessionObject(Paid paid) {
        Map<String, Object> session = new LinkedHashMap<>(stripe.session(paid.session()));
        session.keySet().removeIf(k -> k.startsWith("_"));
        return session;
    }

    private String completed(Paid paid) {
        return webhooks.event("checkout.session.completed", paid.account(), sessionObject(paid));
    }

    @SafeVarargs
    private String chargeRefunded(Paid paid, long amountRefunded, Map<String, Object>... refunds) {
        return webhooks.event("charge.refunded", paid.account(), Map.of("id", StripeStub.charge(paid.intent()),
                "object", "charge", "payment_intent", paid.intent(), "amount", paid.order().gross().cents(),
                "amount_refunded", amountRefunded, "currency", "eur",
                "refunds", Map.of("object", "list", "has_more", false, "url", "/v1/refunds", "data", List.of(refunds))));
    }

    private void send(String payload, String outcome) throws Exception {
        mvc.perform(post("/webhooks/stripe").contentType(MediaType.APPLICATION_JSON).content(payload)
                        .header("Stripe-Signature", webhooks.signature(payload)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.outcome").value(outcome));
    }

    private String account(OrderFixtures.Placed order) {
        return jdbc.sql("select account_id from membership_stripe_account where tenant_id = ?")
                .params(order.tenant().value()).query(String.class).single();
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
