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
        demo.load(tenant.id(), tenant.zone(), new SavingsDemo.Citizen(citizen.principal().userId(), "Marie", "Vermeulen", citizen.email()));

        long households = count("select count(*) from savings_household where tenant_id = ?", tenant);
        assertThat(households).isEqualTo(280);
        assertThat(count("select count(*) from savings_card where tenant_id = ? and status = 'ISSUED'", tenant)).isEqualTo(households - 1);
        assertThat(count("select count(*) from savings_enrolment where tenant_id = ? and status = 'ACTIVE'", tenant)).isEqualTo(1);
        assertThat(count("select count(*) from savings_card where tenant_id = ? and status = 'ACTIVE'", tenant)).isEqualTo(1);

        var hints = demo.hints(tenant.id(), tenant.slug(), tenant.zone(), "http://localhost:8080");
        assertThat(hints).hasSize(4);
        assertThat(hints.get(2)).matches(".*card [2-9A-HJ-NP-Z]{3}-[2-9A-HJ-NP-Z]{3}-[2-9A-HJ-NP-Z]{3}, national register number 85.07.30-033.28.*");
    }

    private long count(String sql, eu.localeconomy.tenant.Tenant tenant) {
        return jdbc.sql(sql).param(tenant.id().value()).query(Long.class).single();
    }
}
