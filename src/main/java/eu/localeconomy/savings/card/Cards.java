package eu.localeconomy.savings.card;

import eu.localeconomy.audit.AuditLog;
import eu.localeconomy.shared.TenantId;
import eu.localeconomy.shared.UserId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/** Cards: numbering, looking them up, blocking and unblocking. Every method takes the tenant explicitly. */
@Service
public class Cards {

    /** How many households are numbered per round trip. */
    static final int NUMBERING_CHUNK = 2_000;
    static final int MAX_REASON = 500;

    public enum Status { CREATED, ISSUED, ACTIVE, BLOCKED }

    public record Card(UUID id, UUID programmeId, UUID householdId, CardNumber number, Status status, int printedCount,
                       Instant lastPrintedAt, Instant activatedAt, Instant blockedAt, String blockedReason) {
    }

    /** A programme's cards by status, and the eligible households that have none yet. */
    public record Counts(long eligibleHouseholds, long withoutCard, long created, long issued, long active, long blocked) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final AuditLog audit;
    private final Clock clock;
    /** Where new numbers come from; tests replace it to force collisions. */
    Supplier<CardNumber> numberSource = CardNumber::random;

    Cards(JdbcClient jdbc, JdbcTemplate template, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.template = template;
        this.audit = audit;
        this.clock = clock;
    }

    public Optional<Card> find(TenantId tenant, UUID cardId) {
        return jdbc.sql("select * from savings_card where tenant_id = ? and id = ?").params(tenant.value(), cardId)
                .query(Cards::card).optional();
    }

    public Optional<Card> findByNumber(TenantId tenant, CardNumber number) {
        return jdbc.sql("select * from savings_card where tenant_id = ? and number = ?").params(tenant.value(), number.value())
                .query(Cards::card).optional();
    }

    /** The card of a citizen: the one their active enrolment is on. */
    public Optional<Card> ofCitizen(TenantId tenant, UserId user) {
        return jdbc.sql("""
                        select c.* from savings_card c
                        join savings_enrolment e on e.tenant_id = c.tenant_id and e.card_id = c.id
                        where c.tenant_id = ? and e.user_id = ? and e.status = 'ACTIVE'
                        order by e.created_at desc limit 1""")
                .params(tenant.value(), user.value()).query(Cards::card).optional();
    }

    public Counts counts(TenantId tenant, UUID programmeId) {
        return jdbc.sql("""
                        select
                          (select count(*) from savings_household h where h.tenant_id = ? and h.programme_id = ? and h.status = 'ELIGIBLE'),
                          (select count(*) from savings_household h where h.tenant_id = ? and h.programme_id = ? and h.status = 'ELIGIBLE'
                             and not exists (select 1 from savings_card c where c.household_id = h.id)),
                          count(*) filter (where status = 'CREATED'), count(*) filter (where status = 'ISSUED'),
                          count(*) filter (where status = 'ACTIVE'), count(*) filter (where status = 'BLOCKED')
                        from savings_card where tenant_id = ? and programme_id = ?""")
                .params(tenant.value(), programmeId, tenant.value(), programmeId, tenant.value(), programmeId)
                .query((rs, n) -> new Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6)))
                .single();
    }

    /**
     * Numbers every eligible household of the programme that has no card yet: one card per household, ever (the
     * database's unique constraint on the household settles a race between two administrators). A random number
     * that is already taken in the tenant is skipped by the insert and drawn again in the next round.
     *
     * @return how many cards were created
     */
    @Transactional
    public int number(TenantId tenant, UUID programmeId) {
        int created = 0;
        int fruitless = 0;
        while (true) {
            List<UUID> households = jdbc.sql("""
                            select h.id from savings_household h
                            where h.tenant_id = ? and h.programme_id = ? and h.status = 'ELIGIBLE'
                              and not exists (select 1 from savings_card c where c.household_id = h.id)
                            order by h.id limit ?""")
                    .params(tenant.value(), programmeId, NUMBERING_CHUNK).query(UUID.class).list();
            if (households.isEmpty()) {
                break;
            }
            Timestamp now = Timestamp.from(clock.instant());
            int[][] counts = template.batchUpdate("""
                            insert into savings_card (id, tenant_id, programme_id, household_id, number, status, created_at)
                            values (?, ?, ?, ?, ?, 'CREATED', ?)
                            on conflict do nothing""", households, households.size(),
                    (ps, household) -> {
                        ps.setObject(1, UUID.randomUUID());
                        ps.setObject(2, tenant.value());
                        ps.setObject(3, programmeId);
                        ps.setObject(4, household);
                        ps.setString(5, numberSource.get().value());
                        ps.setTimestamp(6, now);
                    });
            int inserted = 0;
            for (int[] chunk : counts) {
                for (int count : chunk) {
                    inserted += Math.max(count, 0);
                }
            }
            created += inserted;
            // 32^8 numbers make a collision rare; rounds that insert nothing would mean something else is wrong.
            fruitless = inserted == 0 ? fruitless + 1 : 0;
            if (fruitless > 5) {
                throw new IllegalStateException("card numbering makes no progress");
            }
        }
        if (created > 0) {
            audit.record(tenant, "card.numbered", "programme", programmeId, Map.of("cards", created));
        }
        return created;
    }

    /** Blocks a card (lost, stolen, misuse): it can no longer be enrolled or used. */
    @Transactional
    public Optional<Card> block(TenantId tenant, UUID cardId, String reason) {
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > MAX_REASON) {
            throw new IllegalArgumentException("a reason of 1 to " + MAX_REASON + " characters");
        }
        int updated = jdbc.sql("""
                        update savings_card set status = 'BLOCKED', blocked_at = ?, blocked_reason = ?
                        where tenant_id = ? and id = ? and status <> 'BLOCKED'""")
                .params(Timestamp.from(clock.instant()), why, tenant.value(), cardId).update();
        if (updated > 0) {
            audit.record(tenant, "card.blocked", "card", cardId, Map.of());
        }
        return find(tenant, cardId);
    }

    /** Unblocks a card: it returns to where it was (active once enrolled, issued once printed or sent, else created). */
    @Transactional
    public Optional<Card> unblock(TenantId tenant, UUID cardId) {
        int updated = jdbc.sql("""
                        update savings_card set status = case when activated_at is not null then 'ACTIVE'
                                                              when printed_count > 0 or digital_sent_at is not null then 'ISSUED'
                                                              else 'CREATED' end,
                            blocked_at = null, blocked_reason = null
                        where tenant_id = ? and id = ? and status = 'BLOCKED'""")
                .params(tenant.value(), cardId).update();
        if (updated > 0) {
            audit.record(tenant, "card.unblocked", "card", cardId, Map.of());
        }
        return find(tenant, cardId);
    }

    /** Records that these cards were printed: CREATED becomes ISSUED, the print count goes up. */
    void markPrinted(TenantId tenant, List<UUID> cardIds) {
        var now = Timestamp.from(clock.instant());
        List<Object[]> rows = new ArrayList<>(cardIds.size());
        cardIds.forEach(id -> rows.add(new Object[]{now, tenant.value(), id}));
        template.batchUpdate("""
                update savings_card set status = case when status = 'CREATED' then 'ISSUED' else status end,
                    printed_count = printed_count + 1, last_printed_at = ?
                where tenant_id = ? and id = ?""", rows);
    }

    static Card card(ResultSet rs, int row) throws SQLException {
        return new Card(rs.getObject("id", UUID.class), rs.getObject("programme_id", UUID.class),
                rs.getObject("household_id", UUID.class), new CardNumber(rs.getString("number")),
                Status.valueOf(rs.getString("status")), rs.getInt("printed_count"), instant(rs, "last_printed_at"),
                instant(rs, "activated_at"), instant(rs, "blocked_at"), rs.getString("blocked_reason"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
