package eu.localeconomy.savings;

import eu.localeconomy.savings.programme.Programmes;
import eu.localeconomy.savings.programme.Phase;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.support.IntegrationTest;
import eu.localeconomy.support.SavingsFixtures;
import eu.localeconomy.support.TestTenants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The savings tables hold together: a programme with categories, households with adults, cards. */
@IntegrationTest
class SavingsFixturesIT {

    @Autowired TestTenants tenants;
    @Autowired SavingsFixtures savings;
    @Autowired Programmes programmes;
    @Autowired JdbcClient jdbc;

    @Test
    void aProgrammeWithHouseholdsAndCards() {
        var tenant = tenants.tenant(TenantKind.MUNICIPALITY);
        var programme = savings.openProgramme(tenant);
        var card = savings.residentHousehold(tenant, programme, "Zeedijk", "12", "8300",
                List.of(new SavingsFixtures.Adult("An", "Peeters", "85073003328", LocalDate.of(1985, 7, 30))));
        savings.secondHome(tenant, programme, "Jean Dupont", "123-4567890-12", "Lippenslaan", "5", "8300");

        assertThat(programmes.categories(tenant.id(), programme.id())).extracting("code")
                .containsExactly("RESIDENT", "SECOND_HOME", "CAMPER");
        assertThat(programmes.current(tenant.id(), LocalDate.now(java.time.Clock.system(tenant.zone())))).contains(programme);
        assertThat(programme.phaseOn(programme.earnFrom())).isEqualTo(Phase.EARN);
        assertThat(programme.phaseOn(programme.conversionOn())).isEqualTo(Phase.CONVERSION);
        assertThat(programme.phaseOn(programme.spendUntil().plusDays(1))).isEqualTo(Phase.ENDED);
        String stored = jdbc.sql("select string_agg(coalesce(nrn_hash, '') || coalesce(nrn_last2, ''), ',') from savings_household_member where household_id = ?")
                .param(card.householdId()).query(String.class).single();
        assertThat(stored).doesNotContain("85073003328").endsWith("28").hasSize(66);
    }
}
