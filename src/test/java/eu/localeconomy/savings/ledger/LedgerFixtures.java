package eu.localeconomy.savings.ledger;

import eu.localeconomy.savings.programme.Programme;
import eu.localeconomy.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** Ledger test data written straight into the tables: merchants and many active cards. */
final class LedgerFixtures {

    private final JdbcClient jdbc;
    private final Clock clock;

    LedgerFixtures(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A merchant in a status (APPROVED scans and accepts vouchers). */
    UUID merchant(TenantId tenant, String name, String status) {
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                        insert into savings_merchant (id, tenant_id, business_name, enterprise_number, category, iban, street,
                            house_number, postcode, municipality, contact_name, contact_email, status, applied_at,
                            approved_at, created_at, updated_at)
                        values (?, ?, ?, '0403019261', 'SHOP', 'BE68539007547034', 'Markt', '1', '8000', 'Duinhaven',
                            'An Peeters', 'shop@example.test', ?, ?, ?, ?, ?)""")
                .params(id, tenant.value(), name, status, now, now, now, now).update();
        return id;
    }

    void setCardStatus(UUID cardId, String status) {
        jdbc.sql("update savings_card set status = ? where id = ?").params(status, cardId).update();
    }

    /** {@code count} households of a category with an ACTIVE card each, written in two statements. */
    List<UUID> activeCards(TenantId tenant, Programme programme, String categoryCode, int count) {
        UUID category = jdbc.sql("select id from savings_category where tenant_id = ? and programme_id = ? and code = ?")
                .params(tenant.value(), programme.id(), categoryCode).query(UUID.class).single();
        Timestamp now = Timestamp.from(clock.instant());
        String batch = UUID.randomUUID().toString();
        jdbc.sql("""
                        insert into savings_household (id, tenant_id, programme_id, category_id, register, external_key,
                            display_name, street, house_number, postcode, municipality, reference_date, created_at, updated_at)
                        select gen_random_uuid(), ?, ?, ?, 'POPULATION', ? || ':' || n, 'Household ' || n, 'Dijk', n::text,
                            '8000', 'Duinhaven', ?, ?, ?
                        from generate_series(1, ?) n""")
                .params(tenant.value(), programme.id(), category, batch, programme.enrolmentOpensOn().minusDays(60), now,
                        now, count)
                .update();
        // Card numbers only need to be unique here; the format is CardNumber's business, not the ledger's.
        return jdbc.sql("""
                        insert into savings_card (id, tenant_id, programme_id, household_id, number, status, activated_at,
                            created_at)
                        select gen_random_uuid(), h.tenant_id, h.programme_id, h.id,
                            upper(substr(md5(h.id::text), 1, 9)), 'ACTIVE', ?, ?
                        from savings_household h where h.tenant_id = ? and h.external_key like ? || ':%'
                        returning id""")
                .params(now, now, tenant.value(), batch).query(UUID.class).list();
    }
}
