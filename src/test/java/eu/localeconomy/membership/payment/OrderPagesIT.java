package eu.localeconomy.membership.payment;

import eu.localeconomy.account.Role;
import eu.localeconomy.membership.extranet.OrderStatus;
import eu.localeconomy.membership.extranet.PaymentMethod;
import eu.localeconomy.shared.Language;
import eu.localeconomy.support.IntegrationTest;
import eu.localeconomy.support.OrderFixtures;
import eu.localeconomy.support.TestTenants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import java.util.UUID;

import static eu.localeconomy.membership.payment.PaymentSettingsIT.in;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The office's order list and order page (roles, forms, garbage) and the professional's order page. */
@IntegrationTest
class OrderPagesIT {

    @Autowired MockMvc mvc;
    @Autowired OrderFixtures fixtures;
    @Autowired TestTenants tenants;
    @Autowired Payments payments;

    @Test
    void staffFindTheOrderRecordAPaymentTwiceOnceAndSeeItOnTheTimeline() throws Exception {
        var order = fixtures.awaitingPayment(PaymentMethod.TRANSFER);
        var office = order.office();
        String orders = "/t/" + office.tenant().slug() + "/office/orders";
        String page = orders + "/" + order.orderId();

        String list = mvc.perform(get(orders).param("q", "falaises").param("status", "AWAITING_PAYMENT")
                .with(in(office.admin(), Language.EN))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(list).contains("Hôtel des Falaises", "href=\"" + page + "\"", "Awaiting payment");
        assertThat(mvc.perform(get(orders).param("q", "camping").with(in(office.admin(), Language.EN)))
                .andReturn().getResponse().getContentAsString()).contains("No order matches.");
        assertThat(mvc.perform(get(orders).param("status", "PAID").header("HX-Request", "true").with(in(office.admin(), Language.EN)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString())
                .contains("id=\"order-results\"", "No order matches.").doesNotContain("<html");

        String token = UUID.randomUUID().toString();
        for (int i = 0; i < 2; i++) {
            mvc.perform(post(page + "/payments").with(csrf()).with(in(office.admin(), Language.EN))
                            .param("amount", "50,00").param("receivedOn", fixtures.today(order).toString())
                            .param("method", "TRANSFER").param("reference", "Relevé 12").param("token", token))
                    .andExpect(status().isFound()).andExpect(redirectedUrl(page));
        }
        var account = payments.account(order.tenant(), order.orderId()).orElseThrow();
        assertThat(account.payments()).hasSize(1);
        assertThat(account.status()).isEqualTo(OrderStatus.PARTIALLY_PAID);

        String shown = mvc.perform(get(page).with(in(office.admin(), Language.FR))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(shown).contains("Partiellement payée", "Relevé 12", "Paiement enregistré", "Commande passée",
                "Enregistrer un paiement", account.creditorReference().substring(0, 4), office.admin().principal().displayName());
    }

    @Test
    void mistakesInTheFormsAreShownNextToTheirFieldsNeverAs500() throws Exception {
        var order = fixtures.awaitingPayment(PaymentMethod.CHEQUE);
        var office = order.office();
        String page = "/t/" + office.tenant().slug() + "/office/orders/" + order.orderId();
        String today = fixtures.today(order).toString();
        record Case(String amount, String date, String method, String token, String overpay, String message) {
        }
        String tooMuch = order.gross().plus(new eu.localeconomy.shared.Money(1, "EUR")).plain();
        for (var c : new Case[]{
                new Case("abc", today, "CHEQUE", UUID.randomUUID().toString(), null, "Enter an amount in euros"),
                new Case("1.005", today, "CHEQUE", UUID.randomUUID().toString(), null, "Enter an amount in euros"),
                new Case("99999999999999999999999", today, "CHEQUE", UUID.randomUUID().toString(), null, "Enter an amount in euros"),
                new Case("-5", today, "CHEQUE", UUID.randomUUID().toString(), null, "Enter an amount above zero."),
                new Case("10", "31/12/2026", "CHEQUE", UUID.randomUUID().toString(), null, "Enter a date as yyyy-mm-dd."),
                new Case("10", "2999-01-01", "CHEQUE", UUID.randomUUID().toString(), null, "The date cannot be in the future."),
                new Case("10", today, "BITCOIN", UUID.randomUUID().toString(), null, "Choose how the payment was made."),
                new Case("10", today, "CHEQUE", "not-a-token", null, "This form has expired"),
                new Case(tooMuch, today, "CHEQUE", UUID.randomUUID().toString(), null, "This is more than the balance of")}) {
            var request = post(page + "/payments").with(csrf()).with(in(office.admin(), Language.EN))
                    .param("amount", c.amount()).param("receivedOn", c.date()).param("method", c.method()).param("token", c.token());
            assertThat(mvc.perform(request).andExpect(status().is(422)).andReturn().getResponse().getContentAsString())
                    .as(c.amount() + " " + c.date() + " " + c.method()).contains(c.message());
        }
        assertThat(payments.account(order.tenant(), order.orderId()).orElseThrow().payments()).isEmpty();

        // The overpayment, said explicitly, is recorded and shown.
        mvc.perform(post(page + "/payments").with(csrf()).with(in(office.admin(), Language.EN)).param("amount", tooMuch)
                        .param("receivedOn", today).param("method", "CHEQUE").param("chequeNumber", "0042")
                        .param("acceptOverpayment", "true").param("token", UUID.randomUUID().toString()))
                .andExpect(status().isFound());
        var account = payments.account(order.tenant(), order.orderId()).orElseThrow();
        assertThat(account.status()).isEqualTo(OrderStatus.PAID);
        assertThat(mvc.perform(get(page).with(in(office.admin(), Language.EN))).andReturn().getResponse().getContentAsString())
                .contains("Overpaid (surplus)", "cheque no. 0042", "Refund");

        // Refund garbage, then too much, then a real full refund: REFUNDED.
        UUID paymentId = account.payments().getFirst().id();
        mvc.perform(post(page + "/refunds").with(csrf()).with(in(office.admin(), Language.EN)).param("payment", "zzz")
                        .param("amount", "1").param("refundedOn", today).param("reason", "x").param("token", UUID.randomUUID().toString()))
                .andExpect(status().is(422));
        assertThat(mvc.perform(post(page + "/refunds").with(csrf()).with(in(office.admin(), Language.EN))
                        .param("payment", paymentId.toString()).param("amount", "999999").param("refundedOn", today)
                        .param("reason", "x").param("token", UUID.randomUUID().toString()))
                .andExpect(status().is(422)).andReturn().getResponse().getContentAsString()).contains("This payment holds only");
        mvc.perform(post(page + "/refunds").with(csrf()).with(in(office.admin(), Language.EN))
                        .param("payment", paymentId.toString()).param("amount", tooMuch).param("refundedOn", today)
                        .param("reason", "Doublon").param("token", UUID.randomUUID().toString()))
                .andExpect(status().isFound());
        assertThat(payments.account(order.tenant(), order.orderId()).orElseThrow().status()).isEqualTo(OrderStatus.REFUNDED);

        // Cancel without a reason, then with one.
        assertThat(mvc.perform(post(page + "/cancel").with(csrf()).with(in(office.admin(), Language.EN)).param("reason", ""))
                .andExpect(status().is(422)).andReturn().getResponse().getContentAsString()).contains("Say why the order is cancelled.");
        mvc.perform(post(page + "/cancel").with(csrf()).with(in(office.admin(), Language.EN)).param("reason", "Doublon"))
                .andExpect(status().isFound());
        assertThat(payments.account(order.tenant(), order.orderId()).orElseThrow().status()).isEqualTo(OrderStatus.CANCELLED);
    }

    @Test
    void readOnlyAndHelpdeskSeeTheOrderWithoutFormsAndCannotPost() throws Exception {
        var order = fixtures.awaitingPayment(PaymentMethod.TRANSFER);
        var office = order.office();
        String page = "/t/" + office.tenant().slug() + "/office/orders/" + order.orderId();
        for (Role role : new Role[]{Role.READ_ONLY, Role.HELPDESK}) {
            var person = tenants.person(office.tenant(), role);
            assertThat(mvc.perform(get(page).with(in(person, Language.EN))).andExpect(status().isOk())
                    .andReturn().getResponse().getContentAsString()).contains("Timeline").doesNotContain("Record a payment",
                    "Cancel the order");
            mvc.perform(post(page + "/payments").with(csrf()).with(in(person, Language.EN)).param("amount", "10")
                    .param("receivedOn", fixtures.today(order).toString()).param("method", "CASH")
                    .param("token", UUID.randomUUID().toString())).andExpect(status().isForbidden());
            mvc.perform(post(page + "/cancel").with(csrf()).with(in(person, Language.EN)).param("reason", "x"))
                    .andExpect(status().isForbidden());
            mvc.perform(post(page + "/refunds").with(csrf()).with(in(person, Language.EN)).param("reason", "x"))
                    .andExpect(status().isForbidden());
        }
        var finance = tenants.person(office.tenant(), Role.FINANCE);
        assertThat(mvc.perform(get(page).with(in(finance, Language.EN))).andReturn().getResponse().getContentAsString())
                .contains("Record a payment");
        assertThat(payments.account(order.tenant(), order.orderId()).orElseThrow().payments()).isEmpty();
    }

    @Test
    void anotherTenantsOrGarbageIdsAreNotFound() throws Exception {
        var order = fixtures.awaitingPayment(PaymentMethod.TRANSFER);
        var other = fixtures.office();
        String otherBase = "/t/" + other.tenant().slug();
        for (String id : new String[]{order.orderId().toString(), "nope", UUID.randomUUID().toString(), "1-2-3-4-5"}) {
            mvc.perform(get(otherBase + "/office/orders/" + id).with(in(other.admin(), Language.EN))).andExpect(status().isNotFound());
            mvc.perform(post(otherBase + "/office/orders/" + id + "/cancel").with(csrf()).with(in(other.admin(), Language.EN))
                    .param("reason", "x")).andExpect(status().isNotFound());
            mvc.perform(get(otherBase + "/pro/orders/" + id).with(in(other.hotelPro(), Language.EN))).andExpect(status().isNotFound());
        }
        assertThat(payments.account(order.tenant(), order.orderId()).orElseThrow().status()).isEqualTo(OrderStatus.AWAITING_PAYMENT);
        mvc.perform(get(otherBase + "/office/orders").param("page", "-3").param("status", "NOPE").param("campaign", "x")
                .with(in(other.admin(), Language.EN))).andExpect(status().isOk());
    }

    @Test
    void theProfessionalSeesHowToPayAndWhatWasReceivedButNotAnotherEstablishmentsOrder() throws Exception {
        var order = fixtures.awaitingPayment(PaymentMethod.TRANSFER);
        var office = order.office();
        String page = "/t/" + office.tenant().slug() + "/pro/orders/" + order.orderId();
        var instructions = payments.instructions(order.tenant(), order.orderId(), Language.FR).orElseThrow();
        assertThat(mvc.perform(get(page).with(in(office.hotelPro(), Language.FR))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString())
                .contains("Comment payer", OrderFixtures.IBAN_FORMATTED, instructions.creditorReference(), "Reste à payer");
        fixtures.pay(order, 1000);
        assertThat(mvc.perform(get(page).with(in(office.hotelPro(), Language.EN))).andReturn().getResponse().getContentAsString())
                .contains("Payments received", "Partially paid");
        mvc.perform(get(page).with(in(office.campsitePro(), Language.EN))).andExpect(status().isNotFound());
        mvc.perform(get("/t/" + office.tenant().slug() + "/office/orders/" + order.orderId())
                .with(in(office.hotelPro(), Language.EN))).andExpect(status().isForbidden());
    }
}
