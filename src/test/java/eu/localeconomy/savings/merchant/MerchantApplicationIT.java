package eu.localeconomy.savings.merchant;

import eu.localeconomy.account.Role;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.support.IntegrationTest;
import eu.localeconomy.support.MerchantFixtures;
import eu.localeconomy.support.TestTenants;
import eu.localeconomy.tenant.Tenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The public application form, the public list, and the city's decisions on a merchant. */
@IntegrationTest
class MerchantApplicationIT {

    @Autowired MockMvc mvc;
    @Autowired TestTenants tenants;
    @Autowired MerchantFixtures fixtures;
    @Autowired Merchants merchants;
    @Autowired JdbcClient jdbc;

    Tenant tenant;
    TestTenants.Person admin;

    @BeforeEach
    void municipality() {
        tenant = tenants.tenant(TenantKind.MUNICIPALITY);
        admin = tenants.person(tenant, Role.TENANT_ADMIN);
    }

    static Map<String, String> valid() {
        return Map.ofEntries(Map.entry("businessName", "Bakkerij Zonneschijn"), Map.entry("enterpriseNumber", "0403.019.261"),
                Map.entry("category", "SHOP"), Map.entry("iban", "BE68 5390 0754 7034"), Map.entry("street", "Veldstraat"),
                Map.entry("houseNumber", "12"), Map.entry("box", ""), Map.entry("postcode", "9000"),
                Map.entry("municipality", "Gent"), Map.entry("contactName", "An Peeters"),
                Map.entry("contactEmail", "an@zonneschijn.test"), Map.entry("contactPhone", "+32 9 123 45 67"),
                Map.entry("website", "www.zonneschijn.test"), Map.entry("language", "nl"));
    }

    MockHttpServletRequestBuilder apply(Map<String, String> params, String remoteAddress) {
        var request = post("/t/" + tenant.slug() + "/merchants/apply").with(csrf())
                .with(r -> {
                    r.setRemoteAddr(remoteAddress);
                    return r;
                });
        params.forEach(request::param);
        return request;
    }

    int merchantCount() {
        return jdbc.sql("select count(*) from savings_merchant where tenant_id = ?").param(tenant.id().value())
                .query(Integer.class).single();
    }

    @Test
    void badEnterpriseNumberAndBadIbanAreExplainedAndNothingIsSaved() throws Exception {
        var params = new java.util.HashMap<>(valid());
        params.put("enterpriseNumber", "0403.019.262");
        params.put("iban", "BE68 5390 0754 7035");
        String page = mvc.perform(apply(params, "10.1.0.1").header("Accept-Language", "en"))
                .andExpect(status().isUnprocessableEntity())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("This enterprise number does not exist")
                .contains("This IBAN contains a typing error")
                .contains("href=\"#enterpriseNumber\"").contains("href=\"#iban\"")
                .contains("aria-invalid=\"true\"");

        params.put("enterpriseNumber", "12");
        params.put("iban", "");
        params.put("contactEmail", "not-an-address");
        page = mvc.perform(apply(params, "10.1.0.1").header("Accept-Language", "fr"))
                .andExpect(status().isUnprocessableEntity()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Indiquez les dix chiffres du numéro d").contains("id=\"iban-error\"")
                .contains("id=\"contactEmail-error\"");
        assertThat(merchantCount()).isZero();
        assertThat(jdbc.sql("select count(*) from mail_outbox where tenant_id = ?").param(tenant.id().value())
                .query(Integer.class).single()).isZero();
    }

    @Test
    void applicationIsSavedAsAppliedTheContactIsMailedAndTheCityApproves() throws Exception {
        mvc.perform(apply(valid(), "10.1.0.2"))
                .andExpect(redirectedUrl("/t/" + tenant.slug() + "/merchants/apply/sent"));

        var saved = merchants.search(tenant.id(), Merchants.Search.all(), 10);
        assertThat(saved).hasSize(1);
        var m = saved.getFirst();
        assertThat(m.status()).isEqualTo(Merchants.Status.APPLIED);
        assertThat(m.enterpriseNumber().value()).isEqualTo("0403019261");
        assertThat(m.iban().value()).isEqualTo("BE68539007547034");
        assertThat(m.contact().website()).isEqualTo("https://www.zonneschijn.test");
        String mail = jdbc.sql("select text_body from mail_outbox where recipient = ? and template = 'merchant-application-received'")
                .param("an@zonneschijn.test").query(String.class).single();
        assertThat(mail).contains("Bakkerij Zonneschijn").contains(tenant.name());

        // Not on the public list until approved.
        assertThat(mvc.perform(get("/t/" + tenant.slug() + "/merchants")).andReturn().getResponse().getContentAsString())
                .doesNotContain("Bakkerij Zonneschijn");
        // The city sees it, with the count per status.
        String office = mvc.perform(get("/t/" + tenant.slug() + "/office/merchants").param("status", "APPLIED")
                .with(authentication(admin.authentication()))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(office).contains("Bakkerij Zonneschijn");

        // Finance and helpdesk see, but do not decide.
        var finance = tenants.person(tenant, Role.FINANCE);
        mvc.perform(get("/t/" + tenant.slug() + "/office/merchants/" + m.id()).with(authentication(finance.authentication())))
                .andExpect(status().isOk());
        mvc.perform(post("/t/" + tenant.slug() + "/office/merchants/" + m.id() + "/approve").with(csrf())
                .with(authentication(finance.authentication()))).andExpect(status().isForbidden());
        assertThat(merchants.find(tenant.id(), m.id()).orElseThrow().status()).isEqualTo(Merchants.Status.APPLIED);

        mvc.perform(post("/t/" + tenant.slug() + "/office/merchants/" + m.id() + "/approve").with(csrf())
                .with(authentication(admin.authentication())))
                .andExpect(redirectedUrl("/t/" + tenant.slug() + "/office/merchants/" + m.id()));
        assertThat(merchants.find(tenant.id(), m.id()).orElseThrow().mayTrade()).isTrue();
        assertThat(jdbc.sql("select count(*) from mail_outbox where recipient = ? and template = 'merchant-approved'")
                .param("an@zonneschijn.test").query(Integer.class).single()).isOne();

        String list = mvc.perform(get("/t/" + tenant.slug() + "/merchants").param("postcode", "90"))
                .andReturn().getResponse().getContentAsString();
        assertThat(list).contains("Bakkerij Zonneschijn").contains("Veldstraat 12")
                .doesNotContain("An Peeters").doesNotContain("an@zonneschijn.test").doesNotContain("BE68");
        assertThat(mvc.perform(get("/t/" + tenant.slug() + "/merchants").param("category", "CAFE"))
                .andReturn().getResponse().getContentAsString()).doesNotContain("Bakkerij Zonneschijn");
        // htmx asks for the results only; a history restore gets the whole page again.
        String fragment = mvc.perform(get("/t/" + tenant.slug() + "/merchants").param("q", "zonne")
                .header("HX-Request", "true")).andReturn().getResponse().getContentAsString();
        assertThat(fragment).contains("Bakkerij Zonneschijn").doesNotContain("<html");
        assertThat(mvc.perform(get("/t/" + tenant.slug() + "/merchants").param("q", "zonne").header("HX-Request", "true")
                .header("HX-History-Restore-Request", "true")).andReturn().getResponse().getContentAsString())
                .contains("<html");
    }

    @Test
    void suspendNeedsAReasonAndReactivateRestoresTrading() throws Exception {
        UUID id = fixtures.approvedMerchant(tenant.id(), "Café Central");
        String base = "/t/" + tenant.slug() + "/office/merchants/" + id;
        mvc.perform(post(base + "/suspend").param("reason", " ").with(csrf()).with(authentication(admin.authentication())))
                .andExpect(redirectedUrl(base));
        assertThat(merchants.find(tenant.id(), id).orElseThrow().mayTrade()).isTrue();

        mvc.perform(post(base + "/suspend").param("reason", "Complaints from customers").with(csrf())
                .with(authentication(admin.authentication()))).andExpect(redirectedUrl(base));
        var suspended = merchants.details(tenant.id(), id).orElseThrow();
        assertThat(suspended.status()).isEqualTo(Merchants.Status.SUSPENDED);
        assertThat(suspended.statusReason()).isEqualTo("Complaints from customers");
        assertThat(suspended.merchant().mayTrade()).isFalse();
        assertThat(mvc.perform(get("/t/" + tenant.slug() + "/merchants")).andReturn().getResponse().getContentAsString())
                .doesNotContain("Café Central");

        String mail = jdbc.sql("select text_body from mail_outbox where tenant_id = ? and template = 'merchant-suspended'")
                .param(tenant.id().value()).query(String.class).single();
        assertThat(mail).contains("Café Central").contains("Complaints from customers");

        mvc.perform(post(base + "/reactivate").with(csrf()).with(authentication(admin.authentication())))
                .andExpect(redirectedUrl(base));
        assertThat(jdbc.sql("select count(*) from mail_outbox where tenant_id = ? and template = 'merchant-reactivated'")
                .param(tenant.id().value()).query(Integer.class).single()).isOne();
        assertThat(merchants.find(tenant.id(), id).orElseThrow().mayTrade()).isTrue();
        assertThat(jdbc.sql("""
                        select string_agg(action, ',' order by id) from audit_event
                        where tenant_id = ? and target_id = ? and action in ('merchant.suspended', 'merchant.reactivated')""")
                .params(tenant.id().value(), id.toString()).query(String.class).single())
                .isEqualTo("merchant.suspended,merchant.reactivated");
    }

    @Test
    void rejectingAnApplication() throws Exception {
        UUID id = fixtures.appliedMerchant(tenant.id(), "Nachtwinkel");
        String base = "/t/" + tenant.slug() + "/office/merchants/" + id;
        mvc.perform(post(base + "/reject").param("reason", "Outside the municipality").with(csrf())
                .with(authentication(admin.authentication()))).andExpect(redirectedUrl(base));
        assertThat(merchants.find(tenant.id(), id).orElseThrow().status()).isEqualTo(Merchants.Status.REJECTED);
        // A rejected application cannot be approved by a stale page.
        assertThat(merchants.approve(tenant.id(), id, admin.principal())).isFalse();
    }

    @Test
    void anotherTenantsMerchantIsNotFound() throws Exception {
        UUID id = fixtures.approvedMerchant(tenant.id(), "Slagerij");
        Tenant other = tenants.tenant(TenantKind.MUNICIPALITY);
        var otherAdmin = tenants.person(other, Role.TENANT_ADMIN);
        mvc.perform(get("/t/" + other.slug() + "/office/merchants/" + id).with(authentication(otherAdmin.authentication())))
                .andExpect(status().isNotFound());
        mvc.perform(post("/t/" + other.slug() + "/office/merchants/" + id + "/suspend").param("reason", "x").with(csrf())
                .with(authentication(otherAdmin.authentication())));
        assertThat(merchants.find(tenant.id(), id).orElseThrow().mayTrade()).isTrue();
    }

    @Test
    void theFormIsRateLimitedPerAddress() throws Exception {
        for (int i = 0; i < 5; i++) {
            var params = new java.util.HashMap<>(valid());
            params.put("businessName", "Shop " + i);
            mvc.perform(apply(params, "10.9.9.9")).andExpect(status().is3xxRedirection());
        }
        mvc.perform(apply(valid(), "10.9.9.9")).andExpect(status().isTooManyRequests());
        assertThat(merchantCount()).isEqualTo(5);
    }
}
