package eu.localeconomy.savings.ledger;

import eu.localeconomy.savings.programme.Programme;
import eu.localeconomy.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Ledger test data written straight into the tables: merchants, many active cards, limits, a conversion. */
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

    void limits(Programme programme, Long maxPurchaseCents, Long maxDailyPurchaseCents, int reversalWindowMinutes) {
        jdbc.sql("""
                        update savings_programme set max_purchase_cents = ?, max_daily_purchase_cents = ?,
                            reversal_window_minutes = ? where id = ?""")
                .params(maxPurchaseCents, maxDailyPurchaseCents, reversalWindowMinutes, programme.id()).update();
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

    /**
     * Converts the card's credit into a voucher with the ledger's posting conventions (the conversion job's work,
     * done here in one statement for the tests).
     */
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
}
