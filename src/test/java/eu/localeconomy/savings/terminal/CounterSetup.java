package eu.localeconomy.savings.terminal;

import eu.localeconomy.account.Role;
import eu.localeconomy.savings.merchant.MerchantDevices;
import eu.localeconomy.savings.merchant.Merchants;
import eu.localeconomy.savings.programme.Programme;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.support.CitizenFixtures;
import eu.localeconomy.support.MerchantFixtures;
import eu.localeconomy.support.SavingsFixtures;
import eu.localeconomy.support.TestTenants;
import eu.localeconomy.tenant.Tenant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A shop at the counter for tests: a tenant with an open programme, an approved merchant with its owner, a cashier
 * and a registered device, and an enrolled (active) resident card.
 */
@Component
class CounterSetup {

    private final TestTenants tenants;
    private final SavingsFixtures savings;
    private final CitizenFixtures citizens;
    private final MerchantFixtures merchantFixtures;
    private final Merchants merchants;
    private final MerchantDevices devices;
    private final JdbcClient jdbc;
    private final Clock clock;

    CounterSetup(TestTenants tenants, SavingsFixtures savings, CitizenFixtures citizens, MerchantFixtures merchantFixtures,
                 Merchants merchants, MerchantDevices devices, JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.tenants = tenants;
        this.savings = savings;
        this.citizens = citizens;
        this.merchantFixtures = merchantFixtures;
        this.merchants = merchants;
        this.devices = devices;
    }

    record Shop(Tenant tenant, Programme programme, UUID merchantId, TestTenants.Person owner,
                TestTenants.Person cashier, MerchantDevices.RegisteredDevice device, CitizenFixtures.Citizen citizen) {

        SavingsFixtures.CardOfHousehold card() {
            return citizen.card();
        }

        String credential() {
            return device.credential();
        }
    }

    Shop shop() {
        Tenant tenant = tenants.tenant(TenantKind.MUNICIPALITY);
        Programme programme = savings.openProgramme(tenant);
        return shop(tenant, programme);
    }

    Shop shop(Tenant tenant, Programme programme) {
        UUID merchant = merchantFixtures.approvedMerchant(tenant.id(), "Bakkerij " + UUID.randomUUID().toString().substring(0, 6));
        TestTenants.Person owner = tenants.person(tenant, Role.MERCHANT_OWNER);
        TestTenants.Person cashier = tenants.person(tenant, Role.CASHIER);
        merchants.link(tenant.id(), merchant, owner.principal().userId(), Merchants.StaffRole.OWNER, Actor.SYSTEM);
        merchants.link(tenant.id(), merchant, cashier.principal().userId(), Merchants.StaffRole.CASHIER, Actor.SYSTEM);
        var device = devices.register(tenant.id(), merchant, "Till 1", owner.principal().userId());
        var card = savings.residentHousehold(tenant, programme, "Zeedijk", String.valueOf((int) (Math.random() * 900) + 1),
                "8400", List.of(new SavingsFixtures.Adult("Els", "Claes", "75061223453", LocalDate.of(1975, 6, 12))));
        var citizen = citizens.enrol(tenant, programme, card, "Els");
        return new Shop(tenant, programme, merchant, owner, cashier, device, citizen);
    }




    LocalDate today(Tenant tenant) {
        return LocalDate.now(clock.withZone(tenant.zone()));
    }

    /** Another approved merchant of the same tenant with its own device. */
    MerchantDevices.RegisteredDevice otherShopDevice(Tenant tenant, TestTenants.Person owner) {
        UUID merchant = merchantFixtures.approvedMerchant(tenant.id(), "Other " + UUID.randomUUID().toString().substring(0, 6));
        return devices.register(tenant.id(), merchant, "Other till", owner.principal().userId());
    }

    void limits(Programme programme, Long maxPurchaseCents, Long maxDailyPurchaseCents, int reversalWindowMinutes) {
        savings.limits(programme, maxPurchaseCents, maxDailyPurchaseCents, reversalWindowMinutes);
    }

    void moveToSpendWindow(Programme programme, LocalDate today) {
        savings.moveToSpendWindow(programme, today);
    }

    long convert(UUID cardId, LocalDate businessDate) {
        return savings.convert(cardId, businessDate);
    }
}
