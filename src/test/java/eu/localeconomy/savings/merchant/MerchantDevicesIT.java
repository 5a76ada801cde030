package eu.localeconomy.savings.merchant;

import eu.localeconomy.account.Role;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.support.IntegrationTest;
import eu.localeconomy.support.MerchantFixtures;
import eu.localeconomy.support.TestTenants;
import eu.localeconomy.tenant.Tenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Device credentials: shown once, stored as a hash, authenticate until revoked, scoped to their merchant. */
@IntegrationTest
class MerchantDevicesIT {

    @Autowired TestTenants tenants;
    @Autowired MerchantFixtures fixtures;
    @Autowired MerchantDevices devices;
    @Autowired Merchants merchants;
    @Autowired JdbcClient jdbc;

    Tenant tenant;
    UUID merchant;
    TestTenants.Person owner;

    @BeforeEach
    void merchant() {
        tenant = tenants.tenant(TenantKind.MUNICIPALITY);
        merchant = fixtures.approvedMerchant(tenant.id(), "Bakkerij Test");
        owner = tenants.person(tenant, Role.MERCHANT_OWNER);
        merchants.link(tenant.id(), merchant, owner.principal().userId(), Merchants.StaffRole.OWNER, Actor.SYSTEM);
    }

    @Test
    void registeredDeviceAuthenticatesUntilRevoked() {
        var registered = devices.register(tenant.id(), merchant, " Counter 1 ", owner.principal().userId());

        assertThat(registered.credential()).matches("lmd_[a-z0-9]{10}_[A-Za-z0-9_-]{43}");
        assertThat(registered.device().name()).isEqualTo("Counter 1");
        String stored = jdbc.sql("select credential_hash from savings_merchant_device where id = ?")
                .param(registered.device().id()).query(String.class).single();
        assertThat(stored).hasSize(64).doesNotContain(registered.credential().substring(15));

        var device = devices.authenticate(registered.credential());
        assertThat(device).contains(registered.device());
        assertThat(jdbc.sql("select last_seen_at from savings_merchant_device where id = ?")
                .param(registered.device().id()).query(java.sql.Timestamp.class).single()).isNotNull();
        assertThat(devices.ofMerchant(tenant.id(), merchant)).containsExactly(registered.device());

        assertThat(devices.revoke(tenant.id(), merchant, registered.device().id(), owner.principal().userId())).isTrue();
        assertThat(devices.revoke(tenant.id(), merchant, registered.device().id(), owner.principal().userId())).isFalse();
        assertThat(devices.authenticate(registered.credential())).isEmpty();
        assertThat(devices.find(tenant.id(), registered.device().id())).get()
                .extracting(MerchantDevices.Device::revoked).isEqualTo(true);
        assertThat(jdbc.sql("select count(*) from audit_event where tenant_id = ? and action like 'merchant.device.%'")
                .param(tenant.id().value()).query(Integer.class).single()).isEqualTo(2);
    }

    @Test
    void forgedOrAlteredCredentialsAreRefused() {
        var registered = devices.register(tenant.id(), merchant, "Till", owner.principal().userId());
        String credential = registered.credential();
        char last = credential.charAt(credential.length() - 1);
        String altered = credential.substring(0, credential.length() - 1) + (last == 'A' ? 'B' : 'A');

        assertThat(devices.authenticate(altered)).isEmpty();
        assertThat(devices.authenticate(null)).isEmpty();
        assertThat(devices.authenticate("")).isEmpty();
        assertThat(devices.authenticate("lmd_short_x")).isEmpty();
        assertThat(devices.authenticate(credential.substring(0, 15))).isEmpty();
        assertThat(devices.authenticate("Bearer " + credential)).isEmpty();
        assertThat(devices.authenticate(credential)).isPresent();
    }

    @Test
    void anotherTenantDoesNotSeeTheDevice() {
        var registered = devices.register(tenant.id(), merchant, "Till", owner.principal().userId());
        Tenant other = tenants.tenant(TenantKind.MUNICIPALITY);

        assertThat(devices.find(other.id(), registered.device().id())).isEmpty();
        assertThat(devices.revoke(other.id(), merchant, registered.device().id(), null)).isFalse();
        assertThat(devices.authenticate(registered.credential())).get()
                .extracting(MerchantDevices.Device::tenant).isEqualTo(tenant.id());
    }

    @Test
    void membershipAndStatusChanges() {
        assertThat(merchants.membershipOf(tenant.id(), owner.principal().userId()))
                .contains(new Merchants.Membership(merchant, Merchants.StaffRole.OWNER));
        assertThat(merchants.find(tenant.id(), merchant)).get().extracting(Merchants.Merchant::mayTrade).isEqualTo(true);

        assertThat(merchants.suspend(tenant.id(), merchant, "Unpaid fees", Actor.SYSTEM)).isTrue();
        assertThat(merchants.find(tenant.id(), merchant).orElseThrow().mayTrade()).isFalse();
        assertThat(merchants.suspend(tenant.id(), merchant, "again", Actor.SYSTEM)).isFalse();
        assertThat(merchants.reactivate(tenant.id(), merchant, Actor.SYSTEM)).isTrue();
        assertThat(merchants.find(tenant.id(), merchant).orElseThrow().status()).isEqualTo(Merchants.Status.APPROVED);
        assertThat(merchants.find(tenants.tenant(TenantKind.MUNICIPALITY).id(), merchant)).isEmpty();
    }
}
