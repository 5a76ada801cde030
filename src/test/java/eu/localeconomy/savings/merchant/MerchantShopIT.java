package eu.localeconomy.savings.merchant;

import eu.localeconomy.account.Role;
import eu.localeconomy.shared.Actor;
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
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.util.UUID;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

/** The owner's merchant portal: profile and IBAN re-approval, cashiers, devices; the help page. */
@IntegrationTest
class MerchantShopIT {

    @Autowired MockMvc mvc;
    @Autowired TestTenants tenants;
    @Autowired MerchantFixtures fixtures;
    @Autowired Merchants merchants;
    @Autowired MerchantDevices devices;
    @Autowired JdbcClient jdbc;

    Tenant tenant;
    UUID merchant;
    TestTenants.Person owner;
    String shop;

    @BeforeEach
    void ownerOfAShop() {
        tenant = tenants.tenant(TenantKind.MUNICIPALITY);
        merchant = fixtures.approvedMerchant(tenant.id(), "Fietsen Vandenbroucke");
        owner = tenants.person(tenant, Role.MERCHANT_OWNER);
        merchants.link(tenant.id(), merchant, owner.principal().userId(), Merchants.StaffRole.OWNER, Actor.SYSTEM);
        shop = "/t/" + tenant.slug() + "/merchant/shop";
    }

    MockHttpServletRequestBuilder profile(String iban) {
        return post(shop + "/profile").with(csrf()).with(authentication(owner.authentication()))
                .param("iban", iban).param("street", "Stationsstraat").param("houseNumber", "4").param("box", "")
                .param("postcode", "9000").param("municipality", "Gent").param("latitude", "51.0361")
                .param("longitude", "3.7101").param("contactName", "Eddy V.").param("contactEmail", "eddy@fietsen.test")
                .param("contactPhone", "").param("website", "").param("language", "nl")
                // Ignored: only the city changes these.
                .param("businessName", "Hacked").param("enterpriseNumber", "0000000097");
    }

    @Test
    void profileChangesAtOnceButANewIbanWaitsForTheCity() throws Exception {
        mvc.perform(get(shop).with(authentication(owner.authentication()))).andExpect(status().isOk());
        mvc.perform(profile("BE68 5390 0754 7035")).andExpect(status().isUnprocessableEntity());
        assertThat(merchants.details(tenant.id(), merchant).orElseThrow().address().street()).isEqualTo("Grote Markt");

        mvc.perform(profile(MerchantFixtures.OTHER_IBAN)).andExpect(redirectedUrl(shop + "/profile"));
        var m = merchants.details(tenant.id(), merchant).orElseThrow();
        assertThat(m.address().street()).isEqualTo("Stationsstraat");
        assertThat(m.address().latitude()).isEqualByComparingTo("51.0361");
        assertThat(m.businessName()).isEqualTo("Fietsen Vandenbroucke");
        assertThat(m.iban().value()).isEqualTo(MerchantFixtures.IBAN);
        assertThat(m.pendingIban().value()).isEqualTo(MerchantFixtures.OTHER_IBAN);
        assertThat(mvc.perform(get(shop + "/profile").with(authentication(owner.authentication())))
                .andReturn().getResponse().getContentAsString()).contains("BE71 0961 2345 6769");

        // The city approves the pending IBAN, only if it is the one it looked at.
        var admin = tenants.person(tenant, Role.TENANT_ADMIN);
        String office = "/t/" + tenant.slug() + "/office/merchants/" + merchant;
        mvc.perform(post(office + "/iban/approve").param("pending", "BE00STALE").with(csrf())
                .with(authentication(admin.authentication()))).andExpect(redirectedUrl(office));
        assertThat(merchants.details(tenant.id(), merchant).orElseThrow().iban().value()).isEqualTo(MerchantFixtures.IBAN);
        mvc.perform(post(office + "/iban/approve").param("pending", MerchantFixtures.OTHER_IBAN).with(csrf())
                .with(authentication(admin.authentication()))).andExpect(redirectedUrl(office));
        m = merchants.details(tenant.id(), merchant).orElseThrow();
        assertThat(m.iban().value()).isEqualTo(MerchantFixtures.OTHER_IBAN);
        assertThat(m.pendingIban()).isNull();

        // A second request is refused by the city: the current account stays.
        mvc.perform(profile(MerchantFixtures.IBAN)).andExpect(redirectedUrl(shop + "/profile"));
        mvc.perform(post(office + "/iban/refuse").with(csrf()).with(authentication(admin.authentication())));
        m = merchants.details(tenant.id(), merchant).orElseThrow();
        assertThat(m.iban().value()).isEqualTo(MerchantFixtures.OTHER_IBAN);
        assertThat(m.pendingIban()).isNull();
    }

    @Test
    void invitedCashierIsLinkedOnAcceptanceAndRemovalDisablesTheAccount() throws Exception {
        String email = "kassa@fietsen.test";
        mvc.perform(post(shop + "/cashiers").param("email", email).param("language", "nl").with(csrf())
                .with(authentication(owner.authentication()))).andExpect(redirectedUrl(shop + "/cashiers"));
        assertThat(mvc.perform(get(shop + "/cashiers").with(authentication(owner.authentication())))
                .andReturn().getResponse().getContentAsString()).contains(email);

        String body = jdbc.sql("select text_body from mail_outbox where recipient = ? and template = 'invitation'")
                .param(email).query(String.class).single();
        var matcher = Pattern.compile("token=(\\S+)").matcher(body);
        assertThat(matcher.find()).isTrue();
        mvc.perform(post("/t/" + tenant.slug() + "/invitation").param("token", matcher.group(1))
                        .param("displayName", "Karel Kassa").param("password", "a long enough passphrase")
                        .param("confirmation", "a long enough passphrase").with(csrf()))
                .andExpect(redirectedUrl("/t/" + tenant.slug() + "/login?welcome"));
        UserId cashier = new UserId(jdbc.sql("select id from user_account where email = ? and tenant_id = ?")
                .params(email, tenant.id().value()).query(UUID.class).single());
        assertThat(merchants.membershipOf(tenant.id(), cashier))
                .contains(new Merchants.Membership(merchant, Merchants.StaffRole.CASHIER));
        assertThat(jdbc.sql("select role from user_account where id = ?").param(cashier.value()).query(String.class).single())
                .isEqualTo("CASHIER");

        mvc.perform(post(shop + "/cashiers/" + cashier.value() + "/remove").with(csrf())
                .with(authentication(owner.authentication()))).andExpect(redirectedUrl(shop + "/cashiers"));
        assertThat(merchants.membershipOf(tenant.id(), cashier)).isEmpty();
        assertThat(jdbc.sql("select enabled from user_account where id = ?").param(cashier.value()).query(Boolean.class).single())
                .isFalse();
        // The owner cannot remove themselves this way, nor a cashier of another shop.
        mvc.perform(post(shop + "/cashiers/" + owner.principal().userId().value() + "/remove").with(csrf())
                .with(authentication(owner.authentication())));
        assertThat(merchants.membershipOf(tenant.id(), owner.principal().userId())).isPresent();
    }

    @Test
    void registeredDeviceShowsItsCredentialOnceAndCanBeRevoked() throws Exception {
        mvc.perform(post(shop + "/devices").param("name", " ").with(csrf()).with(authentication(owner.authentication())))
                .andExpect(status().isUnprocessableEntity());
        String page = mvc.perform(post(shop + "/devices").param("name", "Till 1").with(csrf())
                        .with(authentication(owner.authentication())))
                .andExpect(view().name("savings/merchant-shop/device-registered"))
                .andExpect(header().string("Cache-Control", "no-store"))
                .andReturn().getResponse().getContentAsString();
        var matcher = Pattern.compile(">(lmd_[a-z0-9]+_[A-Za-z0-9_-]+)<").matcher(page);
        assertThat(matcher.find()).isTrue();
        String credential = matcher.group(1);
        assertThat(page).contains("data-device-slug=\"" + tenant.slug() + "\"").contains("/js/merchant-device.js");
        var device = devices.authenticate(credential).orElseThrow();
        assertThat(device.merchantId()).isEqualTo(merchant);

        String list = mvc.perform(get(shop + "/devices").with(authentication(owner.authentication())))
                .andReturn().getResponse().getContentAsString();
        assertThat(list).contains("Till 1").doesNotContain(credential);

        mvc.perform(post(shop + "/devices/" + device.id() + "/revoke").with(csrf())
                .with(authentication(owner.authentication()))).andExpect(redirectedUrl(shop + "/devices"));
        assertThat(devices.authenticate(credential)).isEmpty();
    }

    @Test
    void theCityRevokesALostDevice() throws Exception {
        var registered = devices.register(tenant.id(), merchant, "Stolen tablet", owner.principal().userId());
        String office = "/t/" + tenant.slug() + "/office/merchants/" + merchant;
        var helpdesk = tenants.person(tenant, Role.HELPDESK);
        mvc.perform(post(office + "/devices/" + registered.device().id() + "/revoke").with(csrf())
                .with(authentication(helpdesk.authentication()))).andExpect(status().isForbidden());
        assertThat(devices.authenticate(registered.credential())).isPresent();
        var admin = tenants.person(tenant, Role.TENANT_ADMIN);
        mvc.perform(post(office + "/devices/" + registered.device().id() + "/revoke").with(csrf())
                .with(authentication(admin.authentication()))).andExpect(redirectedUrl(office));
        assertThat(devices.authenticate(registered.credential())).isEmpty();
    }

    @Test
    void anotherOwnerCannotTouchThisShopsDevices() throws Exception {
        var registered = devices.register(tenant.id(), merchant, "Till", owner.principal().userId());
        UUID otherShop = fixtures.approvedMerchant(tenant.id(), "Other shop");
        var otherOwner = tenants.person(tenant, Role.MERCHANT_OWNER);
        merchants.link(tenant.id(), otherShop, otherOwner.principal().userId(), Merchants.StaffRole.OWNER, Actor.SYSTEM);
        mvc.perform(post(shop + "/devices/" + registered.device().id() + "/revoke").with(csrf())
                .with(authentication(otherOwner.authentication())));
        assertThat(devices.authenticate(registered.credential())).isPresent();
        // An owner account not linked to any shop has nothing to manage.
        var unlinked = tenants.person(tenant, Role.MERCHANT_OWNER);
        mvc.perform(get(shop).with(authentication(unlinked.authentication()))).andExpect(status().isForbidden());
    }

    @Test
    void cashiersReadTheHelpButDoNotManageTheShop() throws Exception {
        var cashier = tenants.person(tenant, Role.CASHIER);
        merchants.link(tenant.id(), merchant, cashier.principal().userId(), Merchants.StaffRole.CASHIER, Actor.SYSTEM);
        mvc.perform(get(shop).with(authentication(cashier.authentication()))).andExpect(status().isForbidden());
        String help = mvc.perform(get("/t/" + tenant.slug() + "/merchant/help")
                        .with(authentication(cashier.authentication())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(help).contains("Merchant manual").contains("15 minutes").contains("offline mode")
                .contains("customer&#39;s card")
                .contains(tenant.name());
    }
}
