package eu.localeconomy.membership.card;

import eu.localeconomy.account.Role;
import eu.localeconomy.membership.extranet.PaymentMethod;
import eu.localeconomy.membership.payment.PaymentGateway;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.support.IntegrationTest;
import eu.localeconomy.support.StripeStub;
import eu.localeconomy.support.StripeWebhooks;
import eu.localeconomy.support.TestTenants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The office connects its Stripe account: onboarding link, return refresh, account.updated, roles. */
@IntegrationTest
class StripeConnectIT {

    @Autowired MockMvc mvc;
    @Autowired TestTenants tenants;
    @Autowired StripeStub stripe;
    @Autowired StripeWebhooks webhooks;
    @Autowired List<PaymentGateway> gateways;
    @Autowired JdbcClient jdbc;

    @Test
    void theOfficeConnectsItsAccountAndCardPaymentsBecomeReadyOnReturn() throws Exception {
        var tenant = tenants.tenant(TenantKind.TOURISM_OFFICE);
        var admin = tenants.person(tenant, Role.TENANT_ADMIN);
        String page = tenant.context().path() + "/office/stripe";
        mvc.perform(get(page).with(authentication(admin.authentication())))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("stripe-connect")));
        assertThat(card().ready(tenant.id())).isFalse();

        var result = mvc.perform(post(page + "/connect").with(csrf()).with(authentication(admin.authentication())))
                .andExpect(status().isSeeOther()).andReturn();
        String link = result.getResponse().getRedirectedUrl();
        assertThat(link).startsWith(stripe.baseUrl() + "/onboarding/acct_");
        String account = jdbc.sql("select account_id from membership_stripe_account where tenant_id = ?")
                .params(tenant.id().value()).query(String.class).single();
        var created = stripe.requests().stream().filter(r -> r.path().equals("/v1/accounts")
                && ("account-" + tenant.id().value()).equals(r.idempotencyKey())).toList();
        assertThat(created).hasSize(1);
        assertThat(created.getFirst().stripeAccount()).isNull();
        var linkRequest = stripe.requests("POST", "/v1/account_links", null).stream()
                .filter(r -> account.equals(r.params().get("account"))).toList().getLast();
        assertThat(linkRequest.params()).containsEntry("type", "account_onboarding")
                .containsEntry("return_url", "http://localhost" + page + "/return")
                .containsEntry("refresh_url", "http://localhost" + page);
        assertThat(card().ready(tenant.id())).isFalse();

        // Connecting again goes back to the same account.
        mvc.perform(post(page + "/connect").with(csrf()).with(authentication(admin.authentication())))
                .andExpect(status().isSeeOther());
        assertThat(jdbc.sql("select count(*) from membership_stripe_account where tenant_id = ?")
                .params(tenant.id().value()).query(Integer.class).single()).isEqualTo(1);

        // Stripe checks the account; the office comes back.
        stripe.enableCharges(account);
        mvc.perform(get(page + "/return").with(authentication(admin.authentication())))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl(page))
                .andExpect(flash().attribute("notice", "card.connect.ready"));
        assertThat(card().ready(tenant.id())).isTrue();
        mvc.perform(get(page).with(authentication(admin.authentication())))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString(account)));
        assertThat(jdbc.sql("select count(*) from audit_event where tenant_id = ? and action like 'membership.stripe.%'")
                .params(tenant.id().value()).query(Integer.class).single()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void accountUpdatedFromStripeMakesTheAccountReady() throws Exception {
        var tenant = tenants.tenant(TenantKind.TOURISM_OFFICE);
        var admin = tenants.person(tenant, Role.TENANT_ADMIN);
        mvc.perform(post(tenant.context().path() + "/office/stripe/connect").with(csrf())
                .with(authentication(admin.authentication()))).andExpect(status().isSeeOther());
        String account = jdbc.sql("select account_id from membership_stripe_account where tenant_id = ?")
                .params(tenant.id().value()).query(String.class).single();
        assertThat(card().ready(tenant.id())).isFalse();

        String payload = webhooks.event("account.updated", account, Map.of("id", account, "object", "account",
                "charges_enabled", true, "details_submitted", true));
        mvc.perform(post("/webhooks/stripe").contentType(MediaType.APPLICATION_JSON).content(payload)
                .header("Stripe-Signature", webhooks.signature(payload))).andExpect(status().isOk());
        assertThat(card().ready(tenant.id())).isTrue();

        // Stripe disables charges later: card payments stop being offered.
        String disabled = webhooks.event("account.updated", account, Map.of("id", account, "object", "account",
                "charges_enabled", false, "details_submitted", true));
        mvc.perform(post("/webhooks/stripe").contentType(MediaType.APPLICATION_JSON).content(disabled)
                .header("Stripe-Signature", webhooks.signature(disabled))).andExpect(status().isOk());
        assertThat(card().ready(tenant.id())).isFalse();
    }

    @Test
    void onlyAdministratorsOfTourismOfficesSeeTheStripePage() throws Exception {
        var office = tenants.tenant(TenantKind.TOURISM_OFFICE);
        var helpdesk = tenants.person(office, Role.HELPDESK);
        var finance = tenants.person(office, Role.FINANCE);
        String page = office.context().path() + "/office/stripe";
        mvc.perform(get(page).with(authentication(helpdesk.authentication()))).andExpect(status().isForbidden());
        mvc.perform(post(page + "/connect").with(csrf()).with(authentication(finance.authentication())))
                .andExpect(status().isForbidden());
        var municipality = tenants.tenant(TenantKind.MUNICIPALITY);
        var admin = tenants.person(municipality, Role.TENANT_ADMIN);
        mvc.perform(get(municipality.context().path() + "/office/stripe").with(authentication(admin.authentication())))
                .andExpect(status().isNotFound());
    }

    private PaymentGateway card() {
        return gateways.stream().filter(g -> g.method() == PaymentMethod.CARD).findFirst().orElseThrow();
    }
}
