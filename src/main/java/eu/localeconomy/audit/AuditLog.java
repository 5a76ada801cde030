package eu.localeconomy.audit;

import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.RequestOrigin;
import eu.localeconomy.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;

/**
 * Records audit events. Call it inside the transaction of the change being recorded, so that the change and its
 * trace commit together. Details must not contain personal data beyond identifiers.
 */
@Service
public class AuditLog {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final JsonMapper json;

    AuditLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.json = JsonMapper.builder().build();
    }

    /** Records an event by the current actor (the authenticated principal, or anonymous). */
    public void record(TenantId tenant, String action, String targetType, Object targetId, Map<String, ?> details) {
        record(currentActor(), tenant, action, targetType, targetId, details);
    }

    public void record(Actor actor, TenantId tenant, String action, String targetType, Object targetId,
                       Map<String, ?> details) {
        jdbc.sql("""
                        insert into audit_event (occurred_at, tenant_id, actor_id, actor_kind, action, target_type, target_id,
                            ip_address, request_id, details)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb))""")
                .params(Timestamp.from(clock.instant()), tenant == null ? null : tenant.value(), actor.actorId(),
                        actor.actorKind().name(), action, targetType, targetId == null ? null : targetId.toString(),
                        RequestOrigin.ipAddress(), RequestOrigin.requestId(),
                        json.writeValueAsString(details == null ? Map.of() : details))
                .update();
    }

    static Actor currentActor() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof Actor actor) {
            return actor;
        }
        // Outside a web request (start-up, scheduled jobs, event listeners) the platform itself acts.
        return RequestOrigin.ipAddress() == null ? Actor.SYSTEM : Actor.ANONYMOUS;
    }
}
