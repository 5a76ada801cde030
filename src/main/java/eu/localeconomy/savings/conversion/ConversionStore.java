package eu.localeconomy.savings.conversion;

import eu.localeconomy.savings.programme.Category;
import eu.localeconomy.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The conversion's SQL: figures, the set-based chunk that converts cards, the saved runs. Tenant on every query. */
@Repository
class ConversionStore {

    private final JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    ConversionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The dry run's figures: one aggregate over the programme's balances, grouped by the household's category. */
    Conversions.DryRun figures(TenantId tenant, UUID programmeId, List<Category> categories, String currency) {
        record Row(UUID category, long cards, long credit, long atCap, long vouchers, long inactiveCards, long inactiveCredit) {
        }
        Map<UUID, Row> rows = new HashMap<>();
        jdbc.sql("""
                        select h.category_id,
                               count(*) filter (where c.status = 'ACTIVE' and b.credit_cents > 0) as cards,
                               coalesce(sum(b.credit_cents) filter (where c.status = 'ACTIVE'), 0) as credit,
                               count(*) filter (where c.status = 'ACTIVE' and b.credit_cents > 0
                                                  and b.credit_cents = b.cap_cents) as at_cap,
                               coalesce(sum(b.voucher_cents), 0) as vouchers,
                               count(*) filter (where c.status <> 'ACTIVE' and b.credit_cents > 0) as inactive_cards,
                               coalesce(sum(b.credit_cents) filter (where c.status <> 'ACTIVE'), 0) as inactive_credit
                        from savings_card_balance b
                        join savings_card c on c.tenant_id = b.tenant_id and c.id = b.card_id
                        join savings_household h on h.tenant_id = c.tenant_id and h.id = c.household_id
                        where b.tenant_id = ? and b.programme_id = ?
                        group by h.category_id""")
                .params(tenant.value(), programmeId)
                .query((rs, n) -> new Row(rs.getObject("category_id", UUID.class), rs.getLong("cards"),
                        rs.getLong("credit"), rs.getLong("at_cap"), rs.getLong("vouchers"), rs.getLong("inactive_cards"),
                        rs.getLong("inactive_credit")))
                .list().forEach(r -> rows.put(r.category(), r));
        List<Conversions.CategoryFigures> figures = new ArrayList<>();
        long vouchers = 0, inactiveCards = 0, inactiveCredit = 0;
        for (Category category : categories) {
            Row row = rows.getOrDefault(category.id(), new Row(category.id(), 0, 0, 0, 0, 0, 0));
            // The category rule: the voucher is the credit (already within the cap).
            figures.add(new Conversions.CategoryFigures(category.id(), category.code(), row.cards(), row.credit(),
                    row.atCap(), row.credit()));
            vouchers += row.vouchers();
            inactiveCards += row.inactiveCards();
            inactiveCredit += row.inactiveCredit();
        }
        return Conversions.DryRun.of(figures, vouchers, inactiveCards, inactiveCredit, currency);
    }

    UUID insertDryRun(TenantId tenant, UUID programmeId, Conversions.DryRun figures, UUID actor, Instant now) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into savings_conversion (id, tenant_id, programme_id, status, dry_run, requested_by,
                            created_at, finished_at)
                        values (?, ?, ?, 'DRY_RUN', cast(? as jsonb), ?, ?, ?)""")
                .params(id, tenant.value(), programmeId, json.writeValueAsString(figures), actor, Timestamp.from(now),
                        Timestamp.from(now))
                .update();
        return id;
    }

    /** A RUNNING execution; the partial unique index refuses a second one for the programme (DuplicateKeyException). */
    UUID insertExecution(TenantId tenant, UUID programmeId, Conversion dryRun, UUID actor, Instant now) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into savings_conversion (id, tenant_id, programme_id, status, dry_run, dry_run_id,
                            requested_by, created_at)
                        values (?, ?, ?, 'RUNNING', cast(? as jsonb), ?, ?, ?)""")
                .params(id, tenant.value(), programmeId, json.writeValueAsString(dryRun.dryRun()), dryRun.id(), actor,
                        Timestamp.from(now))
                .update();
        return id;
    }

    void attachJob(TenantId tenant, UUID id, UUID job) {
        jdbc.sql("update savings_conversion set job_id = ? where tenant_id = ? and id = ?")
                .params(job, tenant.value(), id).update();
    }

    Optional<Conversion> find(TenantId tenant, UUID id) {
        return jdbc.sql("select * from savings_conversion where tenant_id = ? and id = ?")
                .params(tenant.value(), id).query(this::conversion).optional();
    }

    Optional<Conversion> running(TenantId tenant, UUID programmeId) {
        return jdbc.sql("select * from savings_conversion where tenant_id = ? and programme_id = ? and status = 'RUNNING'")
                .params(tenant.value(), programmeId).query(this::conversion).optional();
    }

    List<Conversion> recent(TenantId tenant, UUID programmeId, int limit) {
        return jdbc.sql("""
                        select * from savings_conversion where tenant_id = ? and programme_id = ?
                        order by created_at desc, id limit ?""")
                .params(tenant.value(), programmeId, limit).query(this::conversion).list();
    }

    /** The resume position of a running execution: every card up to it was converted (null before any chunk). */
    Optional<UUID> lastCard(TenantId tenant, UUID id) {
        return jdbc.sql("select last_card_id from savings_conversion where tenant_id = ? and id = ?")
                .params(tenant.value(), id).query((rs, n) -> Optional.ofNullable(rs.getObject(1, UUID.class)))
                .single();
    }

    /**
     * Fixes the starting figures of an execution, once: a resumed attempt keeps those of the first one. The credit
     * counted is that of ACTIVE cards, the only ones converted.
     */
    void start(TenantId tenant, UUID id, UUID programmeId) {
        jdbc.sql("""
                        update savings_conversion s set cards_total = f.cards, credit_before_cents = f.credit,
                            voucher_before_cents = f.vouchers
                        from (select count(*) filter (where c.status = 'ACTIVE' and b.credit_cents > 0) as cards,
                                     coalesce(sum(b.credit_cents) filter (where c.status = 'ACTIVE'), 0) as credit,
                                     coalesce(sum(b.voucher_cents), 0) as vouchers
                              from savings_card_balance b
                              join savings_card c on c.tenant_id = b.tenant_id and c.id = b.card_id
                              where b.tenant_id = ? and b.programme_id = ?) f
                        where s.tenant_id = ? and s.id = ? and s.credit_before_cents is null""")
                .params(tenant.value(), programmeId, tenant.value(), id).update();
    }

    /** What one chunk did: the last card looked at (null: nothing left), cards converted, cents, cards at the cap. */
    record Chunk(UUID lastCard, long scanned, long converted, long cents, long atCap) {
    }

    /**
     * Converts the chunk of the programme's cards in the card id range ({@code after}, {@code upper}]: within it the ACTIVE cards with credit are converted in
     * ONE statement: lock their balance rows (in id order, as counter traffic locks one row at a time), insert the
     * CONVERSION transactions (idempotency key 'conversion:' || card id, so a card already converted is skipped),
     * their two entries each, and move the credit to the voucher on the balances of the cards actually converted.
     * Runs in the caller's transaction; chunks run in parallel must have disjoint ranges. Transaction ids are time-ordered (UUID version 7 layout: milliseconds first),
     * so the chunk's rows go to the right-hand end of the id indexes instead of 5,000 random pages of them.
     * The range comes from {@link #upperBound}, so the planner sees both bounds as values and every step reads the
     * chunk's rows only (a LIMIT inside the statement made it scan from the first card on every chunk).
     */
    /**
     * The upper end of the next chunk: the card id of the {@code size}-th balance row after {@code after} (or the last
     * one), empty when no card is left. An index-only look-up, so the conversion statement gets both bounds as values.
     */
    Optional<UUID> upperBound(TenantId tenant, UUID programmeId, UUID after, int size) {
        return jdbc.sql("""
                        select card_id from (
                            select card_id from savings_card_balance
                            where tenant_id = ? and programme_id = ? and card_id > ?
                            order by card_id limit ?) range
                        order by card_id desc limit 1""")
                .params(tenant.value(), programmeId, after == null ? new UUID(0, 0) : after, size)
                .query(UUID.class).optional();
    }

    Chunk convert(TenantId tenant, UUID programmeId, UUID after, UUID upper, UUID actor, String currency,
                  LocalDate businessDate, Instant now) {
        UUID from = after == null ? new UUID(0, 0) : after;
        // A prepared statement run many times may get a generic plan; this one must be planned with its bounds.
        jdbc.sql("set local plan_cache_mode = force_custom_plan").update();
        return jdbc.sql("""
                        with chunk as (
                            select b.card_id, b.credit_cents, b.cap_cents
                            from savings_card_balance b
                            join savings_card c on c.id = b.card_id
                            where b.tenant_id = :tenant and b.programme_id = :programme
                              and b.card_id > :after and b.card_id <= :upper
                              and c.tenant_id = :tenant and c.id > :after and c.id <= :upper
                              and b.credit_cents > 0 and c.status = 'ACTIVE'
                            order by b.card_id
                            for update of b
                        ), tx as (
                            insert into savings_ledger_transaction (id, tenant_id, programme_id, kind, card_id, actor_id,
                                amount_cents, idempotency_key, request_hash, currency, business_date, created_at)
                            select cast(substr(stamp, 1, 8) || '-' || substr(stamp, 9, 4) || '-7'
                                        || substr(cast(gen_random_uuid() as text), 16, 3)
                                        || substr(cast(gen_random_uuid() as text), 19) as uuid),
                                   cast(:tenant as uuid), cast(:programme as uuid), 'CONVERSION',
                                   card_id, cast(:actor as uuid), credit_cents, 'conversion:' || card_id,
                                   encode(sha256(convert_to('conversion:' || card_id || ':' || credit_cents, 'UTF8')), 'hex'),
                                   cast(:currency as char(3)), cast(:date as date), cast(:now as timestamptz)
                            from chunk,
                                 (select lpad(to_hex(cast(floor(extract(epoch from cast(:now as timestamptz)) * 1000) as bigint)),
                                              12, '0') as stamp) s
                            on conflict do nothing
                            returning id, card_id, amount_cents
                        ), entries as (
                            insert into savings_ledger_entry (tenant_id, transaction_id, account, owner_id, amount_cents)
                            select cast(:tenant as uuid), id, 'CARD_CREDIT', card_id, -amount_cents from tx
                            union all
                            select cast(:tenant as uuid), id, 'CARD_VOUCHER', card_id, amount_cents from tx
                            returning 1
                        ), balances as (
                            update savings_card_balance b
                            set credit_cents = b.credit_cents - tx.amount_cents,
                                voucher_cents = b.voucher_cents + tx.amount_cents, updated_at = :now
                            from tx
                            where b.card_id = tx.card_id and b.card_id > :after and b.card_id <= :upper
                            returning 1
                        )
                        select (select count(*) from chunk) as scanned,
                               (select count(*) from tx) as converted,
                               (select coalesce(sum(amount_cents), 0) from tx) as cents,
                               (select count(*) from tx join chunk using (card_id) where tx.amount_cents = chunk.cap_cents) as at_cap,
                               (select count(*) from entries) as entries,
                               (select count(*) from balances) as balances,
                               -- Looked up only when some card of the chunk was not converted now (a resumed range).
                               case when (select count(*) from tx) = (select count(*) from chunk) then 0
                                    else (select count(*) from chunk where exists (
                                        select 1 from savings_ledger_transaction t
                                        where t.tenant_id = :tenant and t.merchant_id is null
                                          and t.idempotency_key = 'conversion:' || chunk.card_id)) end as earlier""")
                .param("tenant", tenant.value()).param("programme", programmeId)
                .param("after", from).param("upper", upper).param("actor", actor)
                .param("currency", currency).param("date", businessDate).param("now", Timestamp.from(now))
                .query((rs, n) -> {
                    long converted = rs.getLong("converted");
                    // A card of the chunk is converted now or was before (the statement's snapshot sees only the
                    // earlier ones); anything else, e.g. an id collision the conflict clause swallowed, must not commit.
                    if (rs.getLong("entries") != 2 * converted || rs.getLong("balances") != converted
                            || converted + rs.getLong("earlier") != rs.getLong("scanned")) {
                        throw new IllegalStateException("conversion chunk out of balance");
                    }
                    return new Chunk(upper, rs.getLong("scanned"), converted, rs.getLong("cents"),
                            rs.getLong("at_cap"));
                })
                .single();
    }

    /** Adds a chunk's figures to the execution's totals, in the chunk's transaction (so a card counts once). */
    void addTotals(TenantId tenant, UUID id, Chunk chunk) {
        jdbc.sql("""
                        update savings_conversion set cards_converted = cards_converted + ?,
                            converted_cents = converted_cents + ?, cards_at_cap = cards_at_cap + ?
                        where tenant_id = ? and id = ?""")
                .params(chunk.converted(), chunk.cents(), chunk.atCap(), tenant.value(), id).update();
    }

    /** Moves the resume position once every chunk up to {@code lastCard} committed. */
    void moveCursor(TenantId tenant, UUID id, UUID lastCard) {
        jdbc.sql("update savings_conversion set last_card_id = ? where tenant_id = ? and id = ?")
                .params(lastCard, tenant.value(), id).update();
    }

    /** The reconciliation figures once every chunk committed. */
    Conversions.Report report(TenantId tenant, UUID id, UUID programmeId, String currency) {
        record Before(long credit, long vouchers, long converted, long cards, long atCap) {
        }
        Before before = jdbc.sql("""
                        select credit_before_cents, voucher_before_cents, converted_cents, cards_converted, cards_at_cap
                        from savings_conversion where tenant_id = ? and id = ?""")
                .params(tenant.value(), id)
                .query((rs, n) -> new Before(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)))
                .single();
        long[] projection = jdbc.sql("""
                        select coalesce(sum(b.credit_cents) filter (where c.status = 'ACTIVE'), 0),
                               coalesce(sum(b.credit_cents), 0), coalesce(sum(b.voucher_cents), 0)
                        from savings_card_balance b
                        join savings_card c on c.tenant_id = b.tenant_id and c.id = b.card_id
                        where b.tenant_id = ? and b.programme_id = ?""")
                .params(tenant.value(), programmeId)
                .query((rs, n) -> new long[]{rs.getLong(1), rs.getLong(2), rs.getLong(3)}).single();
        long[] ledger = jdbc.sql("""
                        select coalesce(sum(e.amount_cents) filter (where e.account = 'CARD_VOUCHER'), 0),
                               coalesce(sum(e.amount_cents) filter (where e.account = 'CARD_CREDIT'), 0)
                        from savings_ledger_transaction t
                        join savings_ledger_entry e on e.tenant_id = t.tenant_id and e.transaction_id = t.id
                        where t.tenant_id = ? and t.programme_id = ? and e.account in ('CARD_VOUCHER', 'CARD_CREDIT')""")
                .params(tenant.value(), programmeId)
                .query((rs, n) -> new long[]{rs.getLong(1), rs.getLong(2)}).single();
        return new Conversions.Report(before.credit(), before.converted(), before.cards(), before.atCap(),
                before.vouchers(), projection[2], projection[0], ledger[0], ledger[1], projection[1], currency);
    }

    void finish(TenantId tenant, UUID id, Conversion.Status status, Conversions.Report report, Instant now) {
        jdbc.sql("""
                        update savings_conversion set status = ?, report = cast(? as jsonb), finished_at = ?
                        where tenant_id = ? and id = ?""")
                .params(status.name(), report == null ? null : json.writeValueAsString(report), Timestamp.from(now),
                        tenant.value(), id)
                .update();
    }

    private Conversion conversion(ResultSet rs, int row) throws SQLException {
        String dryRun = rs.getString("dry_run");
        String report = rs.getString("report");
        Timestamp finished = rs.getTimestamp("finished_at");
        return new Conversion(rs.getObject("id", UUID.class), rs.getObject("programme_id", UUID.class),
                Conversion.Status.valueOf(rs.getString("status")),
                dryRun == null ? null : json.readValue(dryRun, Conversions.DryRun.class),
                rs.getObject("job_id", UUID.class), rs.getObject("dry_run_id", UUID.class), rs.getLong("cards_total"),
                rs.getLong("cards_converted"), rs.getLong("converted_cents"), rs.getLong("cards_at_cap"),
                report == null ? null : json.readValue(report, Conversions.Report.class),
                rs.getObject("requested_by", UUID.class), rs.getTimestamp("created_at").toInstant(),
                finished == null ? null : finished.toInstant());
    }
}
