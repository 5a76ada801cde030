package eu.localeconomy.savings.merchant;

import eu.localeconomy.account.Role;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.shared.UserId;
import eu.localeconomy.support.IntegrationTest;
import eu.localeconomy.support.MerchantFixtures;
import eu.localeconomy.support.TestTenants;
import eu.localeconomy.tenant.Tenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

/** The city invites a merchant's owner; accepting the invitation links the new account to the merchant. */
@IntegrationTest
class MerchantStaffIT {

    @Autowired MockMvc mvc;
    @Autowired TestTenants tenants;
    @Autowired MerchantFixtures fixtures;
    @Autowired Merchants merchants;
    @Autowired JdbcClient jdbc;

    Tenant tenant;
    TestTenants.Person admin;
    UUID merchant;

    @BeforeEach
    void merchant() {
        tenant = tenants.tenant(TenantKind.MUNICIPALITY);
        admin = tenants.person(tenant, Role.TENANT_ADMIN);
        merchant = fixtures.approvedMerchant(tenant.id(), "Boekhandel Lezen");
    }

    /** Follows the e-mailed invitation link and signs up; returns the new account. */
    UserId accept(String email, String name) throws Exception {
        String body = jdbc.sql("select text_body from mail_outbox where recipient = ? and template = 'invitation' order by created_at desc limit 1")
                .param(email).query(String.class).single();
        int at = body.indexOf("/t/" + tenant.slug() + "/invitation?token=");
        String link = body.substring(at).split("\\s")[0];
        String token = link.substring(link.indexOf("token=") + 6);
        mvc.perform(get(link)).andExpect(view().name("account/invitation"));
        mvc.perform(post("/t/" + tenant.slug() + "/invitation").param("token", token).param("displayName", name)
                        .param("password", "a long enough passphrase").param("confirmation", "a long enough passphrase")
                        .with(csrf()))
                .andExpect(redirectedUrl("/t/" + tenant.slug() + "/login?welcome"));
        return new UserId(jdbc.sql("select id from user_account where tenant_id = ? and email = ?")
                .params(tenant.id().value(), email).query(UUID.class).single());
    }

    @Test
    void invitedOwnerIsLinkedToTheMerchantOnAcceptance() throws Exception {
        String email = "owner@lezen.test";
        String base = "/t/" + tenant.slug() + "/office/merchants/" + merchant;
        mvc.perform(post(base + "/invite-owner").param("email", email).param("language", "fr").with(csrf())
                .with(authentication(admin.authentication()))).andExpect(redirectedUrl(base));
        assertThat(jdbc.sql("select subject from mail_outbox where recipient = ?").param(email).query(String.class).single())
                .isEqualTo("Votre invitation à " + tenant.name());
        String page = mvc.perform(get(base).with(authentication(admin.authentication())))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains(email);

        UserId owner = accept(email, "Olivia Owner");

        assertThat(jdbc.sql("select role from user_account where id = ?").param(owner.value()).query(String.class).single())
                .isEqualTo("MERCHANT_OWNER");
        assertThat(merchants.membershipOf(tenant.id(), owner))
                .contains(new Merchants.Membership(merchant, Merchants.StaffRole.OWNER));
        page = mvc.perform(get(base).with(authentication(admin.authentication())))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Olivia Owner");
    }

    @Test
    void anAddressThatAlreadyHasAnAccountIsNotInvited() throws Exception {
        var existing = tenants.person(tenant, Role.HELPDESK);
        String base = "/t/" + tenant.slug() + "/office/merchants/" + merchant;
        mvc.perform(post(base + "/invite-owner").param("email", existing.email()).with(csrf())
                .with(authentication(admin.authentication()))).andExpect(redirectedUrl(base));
        assertThat(jdbc.sql("select count(*) from savings_merchant_invitation where tenant_id = ?")
                .param(tenant.id().value()).query(Integer.class).single()).isZero();
    }
}
