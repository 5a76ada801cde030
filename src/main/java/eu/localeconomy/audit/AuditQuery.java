package eu.localeconomy.audit;

import eu.localeconomy.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Searches one tenant's audit trail, newest first. */
@Service
public class AuditQuery {

    /** Search criteria; nulls mean "any". {@code to} is exclusive. */
    public record Criteria(String action, UUID actorId, String targetId, Instant from, Instant to) {
    }

    public record Event(long id, Instant occurredAt, UUID actorId, String actorKind, String action, String targetType,
                        String targetId, String ipAddress, String requestId, String details) {
    }

    private final JdbcClient jdbc;

    AuditQuery(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Event> search(TenantId tenant, Criteria criteria, int offset, int limit) {
        var sql = new StringBuilder("""
                select id, occurred_at, actor_id, actor_kind, action, target_type, target_id, ip_address, request_id,
                       details::text from audit_event where tenant_id = :tenant""");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("tenant", tenant.value());
        if (criteria.action() != null && !criteria.action().isBlank()) {
            sql.append(" and action = :action");
            params.put("action", criteria.action());
        }
        if (criteria.actorId() != null) {
            sql.append(" and actor_id = :actor");
            params.put("actor", criteria.actorId());
        }
        if (criteria.targetId() != null && !criteria.targetId().isBlank()) {
            sql.append(" and target_id = :target");
            params.put("target", criteria.targetId().trim());
        }
        if (criteria.from() != null) {
            sql.append(" and occurred_at >= :from");
            params.put("from", Timestamp.from(criteria.from()));
        }
        if (criteria.to() != null) {
            sql.append(" and occurred_at < :to");
            params.put("to", Timestamp.from(criteria.to()));
        }
        sql.append(" order by occurred_at desc, id desc offset :offset limit :limit");
        params.put("offset", Math.max(0, offset));
        params.put("limit", Math.clamp(limit, 1, 500));
        return jdbc.sql(sql.toString()).params(params)
                .query((rs, n) -> new Event(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getObject(3, UUID.class),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                        rs.getString(9), rs.getString(10)))
                .list();
    }

    public List<String> actions(TenantId tenant) {
        return new ArrayList<>(jdbc.sql("select distinct action from audit_event where tenant_id = ? order by action")
                .param(tenant.value()).query(String.class).list());
    }
}
