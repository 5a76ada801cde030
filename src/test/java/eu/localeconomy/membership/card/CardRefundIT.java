package eu.localeconomy.membership.card;

import eu.localeconomy.account.Role;
import eu.localeconomy.membership.extranet.OrderStatus;
import eu.localeconomy.membership.payment.PaymentKind;
import eu.localeconomy.membership.payment.Payments;
import eu.localeconomy.support.IntegrationTest;
import eu.localeconomy.support.OrderFixtures;
import eu.localeconomy.support.StripeStub;
import eu.localeconomy.support.TestTenants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Staff refund a card payment from the office's order page: the money goes back through Stripe, once. */
@IntegrationTest
class CardRefundIT {

    @Autowired MockMvc mvc;
    @Autowired OrderFixtures orders;
    @Autowired CardFixtures cards;
    @Autowired StripeStub stripe;
    @Autowired Payments payments;
    @Autowired TestTenants tenants;

    @Test
    void theRefundFormRefundsThroughStripeOnTheConnectedAccountAndADoubleSubmitRefundsOnce() throws Exception {
        var order = orders.awaitingCardPayment();
        var office = order.office();
        var paid = cards.payByCard(office.tenant().context(), order.orderId(), office.hotelPro());
        var payment = payments.account(order.tenant(), order.orderId()).orElseThrow().payments().getFirst();
        assertThat(payment.externalId()).isEqualTo(paid.paymentIntent());

        String refunds = office.tenant().context().path() + "/office/orders/" + order.orderId() + "/refunds";
        String token = UUID.randomUUID().toString();
        for (int i = 0; i < 2; i++) {
            mvc.perform(post(refunds).param("payment", payment.id().toString()).param("amount", "12.50")
                            .param("refundedOn", orders.today(order).toString()).param("reason", "Geste commercial")
                            .param("token", token)
                            .with(csrf()).with(authentication(office.admin().authentication())))
                    .andExpect(status().is3xxRedirection());
        }
        var calls = stripe.requests("POST", "/v1/refunds", paid.account());
        assertThat(calls).singleElement().satisfies(c -> {
            assertThat(c.params()).containsEntry("payment_intent", paid.paymentIntent()).containsEntry("amount", "1250");
            assertThat(c.idempotencyKey()).startsWith("refund-").contains(token);
        });
        var account = payments.account(order.tenant(), order.orderId()).orElseThrow();
        assertThat(account.payments()).filteredOn(p -> p.kind() == PaymentKind.REFUND).singleElement()
                .satisfies(r -> assertThat(r.externalId()).startsWith("re_"));
        assertThat(account.status()).isEqualTo(OrderStatus.PARTIALLY_PAID);

        // Read-only staff cannot refund.
        var readOnly = tenants.person(office.tenant(), Role.READ_ONLY);
        mvc.perform(post(refunds).param("payment", payment.id().toString()).param("amount", "1.00")
                        .param("refundedOn", orders.today(order).toString()).param("token", UUID.randomUUID().toString())
                        .with(csrf()).with(authentication(readOnly.authentication())))
                .andExpect(status().isForbidden());
        assertThat(stripe.requests("POST", "/v1/refunds", paid.account())).hasSize(1);
    }

    @Test
    void aRefundStripeRefusesIsShownOnTheFormAndNothingIsRecorded() throws Exception {
        var order = orders.awaitingCardPayment();
        var office = order.office();
        cards.payByCard(office.tenant().context(), order.orderId(), office.hotelPro());
        var payment = payments.account(order.tenant(), order.orderId()).orElseThrow().payments().getFirst();
        String refunds = office.tenant().context().path() + "/office/orders/" + order.orderId() + "/refunds";
        stripe.failNext(1);
        try {
            mvc.perform(post(refunds).param("payment", payment.id().toString()).param("amount", "10.00")
                    .param("refundedOn", orders.today(order).toString()).param("reason", "Erreur")
                    .param("token", UUID.randomUUID().toString())
                    .with(csrf()).with(authentication(office.admin().authentication())))
                    .andExpect(status().is(422))
                    .andExpect(content().string(org.hamcrest.Matchers.containsString("Stripe refused the refund.")));
        } finally {
            stripe.failNext(0);
        }
        var account = payments.account(order.tenant(), order.orderId()).orElseThrow();
        assertThat(account.payments()).filteredOn(p -> p.kind() == PaymentKind.REFUND).isEmpty();
        assertThat(account.status()).isEqualTo(OrderStatus.PAID);
    }
}
