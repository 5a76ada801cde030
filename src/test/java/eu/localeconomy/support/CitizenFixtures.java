package eu.localeconomy.support;

import eu.localeconomy.account.AccountPrincipal;
import eu.localeconomy.account.Accounts;
import eu.localeconomy.account.Role;
import eu.localeconomy.savings.programme.Programme;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.UserId;
import eu.localeconomy.tenant.Tenant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Citizens enrolled on cards, written straight into savings_enrolment as the enrolment website leaves them: an ACTIVE
 * enrolment of one adult of the card's household, linked to a CITIZEN account, and the card ACTIVE.
 */
@Component
public class CitizenFixtures {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final TestTenants tenants;
    private final Accounts accounts;
    private final JdbcClient jdbc;
    private final Clock clock;

    CitizenFixtures(TestTenants tenants, Accounts accounts, JdbcClient jdbc, Clock clock) {
        this.tenants = tenants;
        this.accounts = accounts;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public record Citizen(TestTenants.Person person, UUID enrolmentId, UUID memberId,
                          SavingsFixtures.CardOfHousehold card) {
    }

    /** A citizen with a password (TestTenants.PASSWORD) enrolled as the household's adult with this first name. */
    public Citizen enrol(Tenant tenant, Programme programme, SavingsFixtures.CardOfHousehold card, String firstName) {
        return enrol(tenant, programme, card, firstName, tenants.person(tenant, Role.CITIZEN));
    }

    /** A citizen without a password (logs in by e-mailed link) enrolled on the card. */
    public Citizen enrolPasswordless(Tenant tenant, Programme programme, SavingsFixtures.CardOfHousehold card,
                                     String firstName) {
        String email = "citizen-nopw-" + SEQUENCE.incrementAndGet() + "@" + tenant.slug() + ".test";
        UserId id = accounts.create(tenant.id(), email, firstName, Role.CITIZEN, Language.EN, null);
        var person = new TestTenants.Person(tenant, email,
                new AccountPrincipal(id, tenant.id(), tenant.slug(), firstName, Role.CITIZEN, Language.EN));
        return enrol(tenant, programme, card, firstName, person);
    }

    public Citizen enrol(Tenant tenant, Programme programme, SavingsFixtures.CardOfHousehold card, String firstName,
                         TestTenants.Person person) {
        UUID member = jdbc.sql("""
                        select id from savings_household_member where tenant_id = ? and household_id = ?
                          and (first_name = ? or (first_name is null and ? is null))""")
                .params(tenant.id().value(), card.householdId(), firstName, firstName)
                .query(UUID.class).single();
        UUID enrolment = UUID.randomUUID();
        var now = Timestamp.from(clock.instant());
        jdbc.sql("""
                        insert into savings_enrolment (id, tenant_id, programme_id, card_id, member_id, user_id, email, language,
                            status, privacy_notice_version, consented_at, email_verified_at, channel, created_at, updated_at)
                        values (?, ?, ?, ?, ?, ?, ?, 'en', 'ACTIVE', ?, ?, ?, 'CARD', ?, ?)""")
                .params(enrolment, tenant.id().value(), programme.id(), card.cardId(), member,
                        person.principal().userId().value(), person.email(), programme.privacyNoticeVersion(), now, now,
                        now, now)
                .update();
        jdbc.sql("update savings_card set status = 'ACTIVE', activated_at = coalesce(activated_at, ?) where tenant_id = ? and id = ?")
                .params(now, tenant.id().value(), card.cardId()).update();
        return new Citizen(person, enrolment, member, card);
    }
}
