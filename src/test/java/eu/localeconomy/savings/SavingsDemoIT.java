package eu.localeconomy.savings;

import eu.localeconomy.account.Role;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.support.IntegrationTest;
import eu.localeconomy.support.TestTenants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo programme loads through the real import and issuance jobs and tells what to try. */
@IntegrationTest
class SavingsDemoIT {

    @Autowired SavingsDemo demo;
    @Autowired TestTenants tenants;
    @Autowired JdbcClient jdbc;

    @Test
    void importsTheRegistersIssuesEveryCardAndEnrolsTheDemoCitizen() {
        var tenant = tenants.tenant(TenantKind.MUNICIPALITY);
        var citizen = tenants.person(tenant, Role.CITIZEN);
        var owner = tenants.person(tenant, Role.MERCHANT_OWNER);
        var cashier = tenants.person(tenant, Role.CASHIER);
        demo.load(tenant.id(), tenant.zone(), new SavingsDemo.Citizen(citizen.principal().userId(), "Marie", "Vermeulen", citizen.email()),
                new SavingsDemo.MerchantStaff(owner.principal().userId(), cashier.principal().userId()));

        long households = count("select count(*) from savings_household where tenant_id = ?", tenant);
        assertThat(households).isEqualTo(280);
        assertThat(count("select count(*) from savings_card where tenant_id = ? and status = 'ISSUED'", tenant)).isEqualTo(households - 1);
        assertThat(count("select count(*) from savings_enrolment where tenant_id = ? and status = 'ACTIVE'", tenant)).isEqualTo(1);
        assertThat(count("select count(*) from savings_card where tenant_id = ? and status = 'ACTIVE'", tenant)).isEqualTo(1);

        // Merchants: twenty approved (the bakery with both demo accounts and a device), two applied, one suspended.
        assertThat(count("select count(*) from savings_merchant where tenant_id = ? and status = 'APPROVED'", tenant)).isEqualTo(20);
        assertThat(count("select count(*) from savings_merchant where tenant_id = ? and status = 'APPLIED'", tenant)).isEqualTo(2);
        assertThat(count("select count(*) from savings_merchant where tenant_id = ? and status = 'SUSPENDED'", tenant)).isEqualTo(1);
        assertThat(count("select count(*) from savings_merchant_staff where tenant_id = ?", tenant)).isEqualTo(2);
        assertThat(count("select count(*) from savings_merchant_device where tenant_id = ?", tenant)).isEqualTo(1);
        // The demo citizen's card was credited by four purchases through the ledger: 1/3 of 24.80 + 12.50 + 86.00 + 9.60.
        assertThat(count("select count(*) from savings_ledger_transaction where tenant_id = ? and kind = 'EARN'", tenant)).isEqualTo(4);
        assertThat(count("select sum(credit_cents) from savings_card_balance where tenant_id = ?", tenant))
                .isEqualTo(827 + 417 + 2867 + 320);

        var hints = demo.hints(tenant.id(), tenant.slug(), tenant.zone(), "http://localhost:8080");
        assertThat(hints).hasSize(7);
        assertThat(hints.get(5)).contains("merchant owner");
        assertThat(hints.get(2)).matches(".*card [2-9A-HJ-NP-Z]{3}-[2-9A-HJ-NP-Z]{3}-[2-9A-HJ-NP-Z]{3}, national register number 85.07.30-033.28.*");
    }

    private long count(String sql, eu.localeconomy.tenant.Tenant tenant) {
        return jdbc.sql(sql).param(tenant.id().value()).query(Long.class).single();
    }
}
