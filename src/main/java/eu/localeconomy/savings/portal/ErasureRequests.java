package eu.localeconomy.savings.portal;

import eu.localeconomy.account.AccountProfile;
import eu.localeconomy.account.Accounts;
import eu.localeconomy.audit.AuditLog;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.TenantId;
import eu.localeconomy.shared.UserId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Requests of erasure of personal data: citizens record them, the helpdesk decides (erasing by hand for now) and
 * marks them done or refused with a note. Every step is audited; the audit details carry no personal data.
 */
@Service
class ErasureRequests {

    enum Status { OPEN, DONE, REFUSED }

    record ErasureRequest(UUID id, UserId userId, Instant requestedAt, String reason, Status status, UUID handledBy,
                          Instant handledAt, String note) {
    }

    /** A request as the helpdesk sees it: who asked (from their account) and the cards they were enrolled on. */
    record Listed(ErasureRequest request, Optional<AccountProfile> account, List<String> cardNumbers,
                  Optional<String> handledByName) {
    }

    static final int MAX_TEXT = 2000;

    private final JdbcClient jdbc;
    private final Accounts accounts;
    private final AuditLog audit;
    private final Clock clock;

    ErasureRequests(JdbcClient jdbc, Accounts accounts, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.audit = audit;
        this.clock = clock;
    }

    /** Records a request unless one is already open (then nothing changes); returns the open request. */
    @Transactional
    ErasureRequest request(TenantId tenant, UserId user, String reason, Actor actor) {
        String text = clean(reason);
        UUID id = UUID.randomUUID();
        int created = jdbc.sql("""
                        insert into savings_erasure_request (id, tenant_id, user_id, requested_at, reason)
                        values (?, ?, ?, ?, ?)
                        on conflict (tenant_id, user_id) where status = 'OPEN' do nothing""")
                .params(id, tenant.value(), user.value(), Timestamp.from(clock.instant()), text).update();
        ErasureRequest open = open(tenant, user).orElseThrow();
        if (created == 1) {
            audit.record(actor, tenant, "erasure.requested", "erasure-request", id,
                    Map.of("user", user.toString(), "withReason", text != null));
        }
        return open;
    }

    Optional<ErasureRequest> open(TenantId tenant, UserId user) {
        return jdbc.sql("select * from savings_erasure_request where tenant_id = ? and user_id = ? and status = 'OPEN'")
                .params(tenant.value(), user.value()).query(ErasureRequests::map).optional();
    }

    List<ErasureRequest> of(TenantId tenant, UserId user) {
        return jdbc.sql("select * from savings_erasure_request where tenant_id = ? and user_id = ? order by requested_at desc")
                .params(tenant.value(), user.value()).query(ErasureRequests::map).list();
    }

    /** A page of requests, oldest open first (they wait longest); null status means all. */
    List<Listed> list(TenantId tenant, Status status, int offset, int limit) {
        var params = new HashMap<String, Object>();
        params.put("tenant", tenant.value());
        params.put("offset", Math.max(0, offset));
        params.put("limit", Math.clamp(limit, 1, 200));
        String where = "tenant_id = :tenant";
        if (status != null) {
            where += " and status = :status";
            params.put("status", status.name());
        }
        List<ErasureRequest> page = jdbc.sql("select * from savings_erasure_request where " + where
                        + " order by (status = 'OPEN') desc, requested_at, id offset :offset limit :limit")
                .params(params).query(ErasureRequests::map).list();
        return page.stream().map(r -> new Listed(r, accounts.profile(tenant, r.userId()), cardNumbers(tenant, r.userId()),
                Optional.ofNullable(r.handledBy()).flatMap(by -> accounts.displayName(tenant, new UserId(by))))).toList();
    }

    long count(TenantId tenant, Status status) {
        return status == null
                ? jdbc.sql("select count(*) from savings_erasure_request where tenant_id = ?").param(tenant.value())
                .query(Long.class).single()
                : jdbc.sql("select count(*) from savings_erasure_request where tenant_id = ? and status = ?")
                .params(tenant.value(), status.name()).query(Long.class).single();
    }

    /** Marks an open request done or refused; false when the tenant has no such open request. */
    @Transactional
    boolean decide(TenantId tenant, UUID id, Status decision, String note, Actor staff) {
        if (decision == Status.OPEN) {
            throw new IllegalArgumentException("a decision is DONE or REFUSED");
        }
        String text = clean(note);
        int updated = jdbc.sql("""
                        update savings_erasure_request set status = ?, handled_by = ?, handled_at = ?, note = ?
                        where tenant_id = ? and id = ? and status = 'OPEN'""")
                .params(decision.name(), staff.actorId(), Timestamp.from(clock.instant()), text, tenant.value(), id)
                .update();
        if (updated == 1) {
            audit.record(staff, tenant, "erasure." + decision.name().toLowerCase(), "erasure-request", id, Map.of());
        }
        return updated == 1;
    }

    /** Free text as stored: trimmed, without control characters (PostgreSQL refuses NUL), null when empty. */
    static String clean(String text) {
        if (text == null) {
            return null;
        }
        String cleaned = text.replaceAll("[\\p{Cntrl}&&[^\\n\\t]]", "").strip();
        return cleaned.isEmpty() ? null : cleaned;
    }

    private List<String> cardNumbers(TenantId tenant, UserId user) {
        return jdbc.sql("""
                        select distinct c.number from savings_enrolment e
                        join savings_card c on c.tenant_id = e.tenant_id and c.id = e.card_id
                        where e.tenant_id = ? and e.user_id = ? order by c.number""")
                .params(tenant.value(), user.value())
                .query((rs, n) -> new eu.localeconomy.savings.card.CardNumber(rs.getString(1)).formatted()).list();
    }

    private static ErasureRequest map(ResultSet rs, int row) throws SQLException {
        return new ErasureRequest(rs.getObject("id", UUID.class), new UserId(rs.getObject("user_id", UUID.class)),
                PortalRepository.instant(rs, "requested_at"), rs.getString("reason"), Status.valueOf(rs.getString("status")),
                rs.getObject("handled_by", UUID.class), PortalRepository.instant(rs, "handled_at"), rs.getString("note"));
    }
}
