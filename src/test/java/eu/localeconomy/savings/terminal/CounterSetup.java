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

import java.sql.Timestamp;
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

    /** Moves the programme on in its season: earning is over, the conversion was yesterday, spending opens today. */
    void moveToSpendWindow(Programme programme, LocalDate today) {
        jdbc.sql("""
                        update savings_programme set enrolment_opens_on = ?, enrolment_closes_on = ?, earn_from = ?,
                            earn_until = ?, conversion_on = ?, spend_from = ?, spend_until = ? where id = ?""")
                .params(today.minusDays(150), today.minusDays(60), today.minusDays(120), today.minusDays(5),
                        today.minusDays(1), today, today.plusDays(60), programme.id())
                .update();
    }

    /** Converts the card's credit into a voucher with the ledger's posting conventions (the conversion job's work). */
    long convert(UUID cardId, LocalDate businessDate) {
        return jdbc.sql("""
                        with t as (
                            insert into savings_ledger_transaction (id, tenant_id, programme_id, kind, card_id, amount_cents,
                                idempotency_key, request_hash, currency, business_date, created_at)
                            select gen_random_uuid(), b.tenant_id, b.programme_id, 'CONVERSION', b.card_id, b.credit_cents,
                                'conversion:' || b.card_id, repeat('0', 64), b.currency, ?, ?
                            from savings_card_balance b where b.card_id = ? and b.credit_cents > 0
                            returning id, tenant_id, card_id, amount_cents),
                        e as (
                            insert into savings_ledger_entry (tenant_id, transaction_id, account, owner_id, amount_cents)
                            select tenant_id, id, 'CARD_CREDIT', card_id, -amount_cents from t
                            union all select tenant_id, id, 'CARD_VOUCHER', card_id, amount_cents from t)
                        update savings_card_balance b set credit_cents = b.credit_cents - t.amount_cents,
                            voucher_cents = b.voucher_cents + t.amount_cents
                        from t where b.card_id = t.card_id returning t.amount_cents""")
                .params(businessDate, Timestamp.from(clock.instant()), cardId).query(Long.class).optional().orElse(0L);
    }

    void limits(Programme programme, Long maxPurchaseCents, Long maxDailyPurchaseCents, int reversalWindowMinutes) {
        jdbc.sql("""
                        update savings_programme set max_purchase_cents = ?, max_daily_purchase_cents = ?,
                            reversal_window_minutes = ? where id = ?""")
                .params(maxPurchaseCents, maxDailyPurchaseCents, reversalWindowMinutes, programme.id()).update();
    }

    LocalDate today(Tenant tenant) {
        return LocalDate.now(clock.withZone(tenant.zone()));
    }

    /** Another approved merchant of the same tenant with its own device. */
    MerchantDevices.RegisteredDevice otherShopDevice(Tenant tenant, TestTenants.Person owner) {
        UUID merchant = merchantFixtures.approvedMerchant(tenant.id(), "Other " + UUID.randomUUID().toString().substring(0, 6));
        return devices.register(tenant.id(), merchant, "Other till", owner.principal().userId());
    }
}
