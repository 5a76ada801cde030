package eu.localeconomy.membership.payment;

import eu.localeconomy.account.Role;
import eu.localeconomy.membership.extranet.Baskets;
import eu.localeconomy.membership.extranet.Orders;
import eu.localeconomy.membership.extranet.PaymentMethod;
import eu.localeconomy.membership.extranet.TermsOfSale;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.support.BasketFixtures;
import eu.localeconomy.support.IntegrationTest;
import eu.localeconomy.support.OrderFixtures;
import eu.localeconomy.support.TestTenants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The office's payment settings page, the methods of a campaign, and what the checkout then offers. */
@IntegrationTest
class PaymentSettingsIT {

    @Autowired MockMvc mvc;
    @Autowired BasketFixtures baskets;
    @Autowired OrderFixtures fixtures;
    @Autowired TestTenants tenants;
    @Autowired Payments payments;
    @Autowired Baskets basketService;
    @Autowired Orders orders;
    @Autowired TermsOfSale terms;

    @Test
    void validSettingsAreSavedCompactAndShownFormatted() throws Exception {
        var office = baskets.office(true);
        String page = "/t/" + office.tenant().slug() + "/office/payment-settings";
        mvc.perform(valid(post(page), office)).andExpect(status().isFound()).andExpect(redirectedUrl(page));
        var saved = payments.settings(office.tenant().id());
        assertThat(saved.iban()).isEqualTo(OrderFixtures.IBAN);
        assertThat(saved.bic()).isEqualTo("AGRIFRPPXXX");
        assertThat(saved.cashInstructions()).containsOnlyKeys(Language.FR);
        assertThat(saved.dueDays()).isEqualTo(45);
        assertThat(mvc.perform(get(page).with(in(office.admin(), Language.FR))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString())
                .contains(OrderFixtures.IBAN_FORMATTED, "Moyens de paiement", "/office/stripe");
    }

    @Test
    void eachMistakeIsNamedNextToItsField() throws Exception {
        var office = baskets.office(true);
        String page = "/t/" + office.tenant().slug() + "/office/payment-settings";
        record Case(String field, String value, String message) {
        }
        for (var c : new Case[]{
                new Case("iban", "FR7630006000011234567890188", "This IBAN is not valid"),
                new Case("iban", "not an iban", "This IBAN is not valid"),
                new Case("iban", "", "Enter the IBAN for bank transfers."),
                new Case("bic", "AGRI", "This BIC is not valid"),
                new Case("accountHolder", " ", "Enter the account holder for bank transfers."),
                new Case("accountHolder", "x".repeat(141), "At most 140 characters."),
                new Case("chequePayee", "", "Enter to whom cheques are made out."),
                new Case("chequeAddress", "", "Enter the postal address cheques are sent to."),
                new Case("cashFr", "", "Say where and when cash is taken"),
                new Case("dueDays", "-1", "Enter a number of days from 0 to 365."),
                new Case("dueDays", "99999999999999999999", "Enter a number of days from 0 to 365."),
                new Case("dueDays", "trente", "Enter a number of days from 0 to 365.")}) {
            String body = mvc.perform(valid(post(page), office, c.field(), c.value()))
                    .andExpect(status().is(422)).andReturn().getResponse().getContentAsString();
            assertThat(body).as(c.field() + "=" + c.value()).contains(c.message(), "href=\"#" + c.field() + "\"",
                    "id=\"" + c.field() + "-error\"");
        }
        assertThat(payments.hasSettings(office.tenant().id())).isFalse();

        // Nothing switched on is refused too.
        assertThat(mvc.perform(post(page).with(csrf()).with(in(office.admin(), Language.EN)).param("dueDays", "30"))
                .andExpect(status().is(422)).andReturn().getResponse().getContentAsString())
                .contains("Switch on at least one payment method.");
    }

    @Test
    void onlyAdministratorsReachTheSettingsAndAMunicipalityHasNone() throws Exception {
        var office = baskets.office(true);
        String page = "/t/" + office.tenant().slug() + "/office/payment-settings";
        var finance = tenants.person(office.tenant(), Role.FINANCE);
        mvc.perform(get(page).with(authentication(finance.authentication()))).andExpect(status().isForbidden());
        mvc.perform(valid(post(page), office).with(authentication(finance.authentication()))).andExpect(status().isForbidden());
        var city = tenants.tenant(TenantKind.MUNICIPALITY);
        mvc.perform(get("/t/" + city.slug() + "/office/payment-settings")
                .with(authentication(tenants.person(city, Role.TENANT_ADMIN).authentication()))).andExpect(status().isNotFound());
    }

    @Test
    void theCheckoutOffersOnlyTheCampaignsMethodsAndRefusesAnother() throws Exception {
        var office = fixtures.office();
        var tenant = office.tenant().context();
        // Card is on, but the office has no Stripe account that can charge: not offered.
        assertThat(payments.methodsFor(tenant.id(), office.campaign()))
                .containsExactly(PaymentMethod.TRANSFER, PaymentMethod.CHEQUE, PaymentMethod.CASH);

        String campaignPage = "/t/" + office.tenant().slug() + "/office/campaigns/" + office.campaign();
        mvc.perform(post(campaignPage + "/payment-methods").with(csrf()).with(in(office.admin(), Language.EN))
                        .param("method", "TRANSFER").param("method", "BITCOIN"))
                .andExpect(status().isFound()).andExpect(redirectedUrl(campaignPage + "#payment-methods"));
        assertThat(payments.campaignMethods(tenant.id(), office.campaign())).containsExactly(PaymentMethod.TRANSFER);
        assertThat(mvc.perform(get(campaignPage).with(in(office.admin(), Language.EN))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString()).contains("Payment methods of this campaign",
                "id=\"campaign-method-TRANSFER\"");

        String base = "/t/" + tenant.slug() + "/pro/establishments/" + office.hotel() + "/campaigns/" + office.campaign();
        String checkout = mvc.perform(get(base + "/checkout").with(in(office.hotelPro(), Language.EN)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(checkout).contains("id=\"paymentMethod-TRANSFER\"").doesNotContain("paymentMethod-CHEQUE", "paymentMethod-CASH");

        UUID current = terms.current(tenant.id()).orElseThrow().id();
        assertThatThrownBy(() -> orders.place(tenant, office.campaign(), office.hotel(),
                new Orders.Checkout(PaymentMethod.CHEQUE, current, true, UUID.randomUUID()), Language.FR,
                office.hotelPro().principal()))
                .hasMessage("order.error.methodNotOffered");
        assertThat(mvc.perform(post(base + "/checkout").with(csrf()).with(in(office.hotelPro(), Language.EN))
                        .param("paymentMethod", "CASH").param("termsVersion", current.toString()).param("acceptTerms", "on")
                        .param("formToken", UUID.randomUUID().toString()))
                .andExpect(status().is(422)).andReturn().getResponse().getContentAsString())
                .contains("This payment method is not offered for this campaign");
        assertThat(orders.live(tenant.id(), office.campaign(), office.hotel())).isEmpty();

        // Unticking everything goes back to every method switched on; an unknown campaign is not found.
        payments.saveCampaignMethods(tenant.id(), office.campaign(), Set.of(), Actor.SYSTEM);
        assertThat(payments.methodsFor(tenant.id(), office.campaign())).hasSize(3);
        mvc.perform(post("/t/" + tenant.slug() + "/office/campaigns/" + UUID.randomUUID() + "/payment-methods")
                .with(csrf()).with(in(office.admin(), Language.EN)).param("method", "CASH")).andExpect(status().isNotFound());
        mvc.perform(post("/t/" + tenant.slug() + "/office/campaigns/garbage/payment-methods")
                .with(csrf()).with(in(office.admin(), Language.EN)).param("method", "CASH")).andExpect(status().isNotFound());
    }

    @Test
    void aTenantWithoutSettingsKeepsOfferingEveryMethod() {
        var office = baskets.office(true);
        assertThat(payments.methodsFor(office.tenant().id(), office.campaign())).isEqualTo(EnumSet.allOf(PaymentMethod.class));
    }

    private static MockHttpServletRequestBuilder valid(MockHttpServletRequestBuilder request, BasketFixtures.Office office) {
        return valid(request, office, "", null);
    }

    /** The form filled in correctly, but for one field typed otherwise. */
    private static MockHttpServletRequestBuilder valid(MockHttpServletRequestBuilder request, BasketFixtures.Office office,
                                                       String field, String value) {
        var s = OrderFixtures.settings();
        var fields = new java.util.LinkedHashMap<String, String>();
        fields.put("transferEnabled", "true");
        fields.put("accountHolder", s.accountHolder());
        fields.put("iban", "fr76 3000 6000 0112 3456 7890 189");
        fields.put("bic", "agrifrppxxx");
        fields.put("chequeEnabled", "true");
        fields.put("chequePayee", s.chequePayee());
        fields.put("chequeAddress", s.chequeAddress());
        fields.put("cashEnabled", "true");
        fields.put("cashFr", s.cashInstructions().get(Language.FR));
        fields.put("cashNl", " ");
        fields.put("dueDays", "45");
        if (value != null) {
            fields.put(field, value);
        }
        request.with(csrf()).with(in(office.admin(), Language.EN));
        fields.forEach(request::param);
        return request;
    }

    static RequestPostProcessor in(TestTenants.Person person, Language language) {
        return authentication(new TestTenants.Person(person.tenant(), person.email(),
                person.principal().withLanguage(language)).authentication());
    }

}
