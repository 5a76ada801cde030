package eu.localeconomy.account;

import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.support.IntegrationTest;
import eu.localeconomy.support.TestTenants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Citizen accounts made by enrolment: one per address, brought back after a consent withdrawal, never a staff one. */
@IntegrationTest
class CitizenAccountsIT {

    @Autowired Accounts accounts;
    @Autowired TestTenants fixtures;
    @Autowired JdbcClient jdbc;

    @Test
    void aSecondEnrolmentLinksTheSameAccountAndReEnrolmentAfterWithdrawalEnablesIt() {
        var tenant = fixtures.tenant(TenantKind.MUNICIPALITY);
        var first = accounts.citizenAccount(tenant.id(), "an@example.test", "An Peeters", Language.NL, null).orElseThrow();
        assertThat(accounts.citizenAccount(tenant.id(), " an@example.test ", "An", Language.NL, null)).contains(first);

        accounts.disable(tenant.id(), first, "consent-withdrawn", Actor.SYSTEM);
        assertThat(enabled(first)).isFalse();

        assertThat(accounts.citizenAccount(tenant.id(), "an@example.test", "An Peeters", Language.NL, null)).contains(first);
        assertThat(enabled(first)).isTrue();
        assertThat(jdbc.sql("select count(*) from audit_event where target_id = ? and action = 'account.enabled'")
                .param(first.value().toString()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aStaffAddressIsNeverTakenOverByACitizenEnrolment() {
        var tenant = fixtures.tenant(TenantKind.MUNICIPALITY);
        var helpdesk = fixtures.person(tenant, Role.HELPDESK);
        assertThat(accounts.citizenAccount(tenant.id(), helpdesk.email(), "Someone", Language.NL, null)).isEmpty();
    }

    @Test
    void guessingThePasswordFromAnOpenSessionLocksTheAccountLikeTheLoginForm() {
        var tenant = fixtures.tenant(TenantKind.MUNICIPALITY);
        var citizen = fixtures.person(tenant, Role.CITIZEN);
        var id = citizen.principal().userId();
        assertThat(accounts.passwordMatches(tenant.id(), id, TestTenants.PASSWORD)).isTrue();
        for (int i = 0; i < 5; i++) {
            assertThat(accounts.passwordMatches(tenant.id(), id, "guess-" + i)).isFalse();
        }
        // Locked now: even the right password is refused, and the login form is locked too.
        assertThat(accounts.passwordMatches(tenant.id(), id, TestTenants.PASSWORD)).isFalse();
        assertThat(jdbc.sql("select locked_until is not null from user_account where id = ?").param(id.value())
                .query(Boolean.class).single()).isTrue();
        assertThat(jdbc.sql("select count(*) from audit_event where target_id = ? and action = 'account.locked'")
                .param(id.value().toString()).query(Long.class).single()).isEqualTo(1);
    }

    private boolean enabled(eu.localeconomy.shared.UserId id) {
        return jdbc.sql("select enabled from user_account where id = ?").param(id.value()).query(Boolean.class).single();
    }
}
