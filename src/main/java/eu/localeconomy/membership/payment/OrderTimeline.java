package eu.localeconomy.membership.payment;

import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The order's timeline ({@code membership_order_event}): every state change and everything done to an order, by
 * whom. Written in the caller's transaction. Kinds in use: placed, payment.recorded, refund.recorded, status.changed,
 * cancelled, invoice.issued, credit-note.issued, pro-forma.sent, card.checkout.started, card.checkout.expired,
 * confirmation.sent, reminder.sent.
 */
@org.springframework.stereotype.Service
public class OrderTimeline {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final Clock clock;

    OrderTimeline(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void record(TenantId tenant, UUID orderId, String kind, Actor actor, Map<String, Object> details) {
        jdbc.sql("""
                        insert into membership_order_event (id, tenant_id, order_id, at, kind, actor_id, details)
                        values (?, ?, ?, ?, ?, ?, cast(? as jsonb))""")
                .params(UUID.randomUUID(), tenant.value(), orderId, Timestamp.from(clock.instant()), kind,
                        actor == null ? null : actor.actorId(), JSON.writeValueAsString(details == null ? Map.of() : details))
                .update();
    }

    /** Oldest first. */
    public List<OrderEvent> of(TenantId tenant, UUID orderId) {
        return ofOrders(tenant, List.of(orderId));
    }

    /** The events of several orders (an establishment's timeline), oldest first. */
    public List<OrderEvent> ofOrders(TenantId tenant, Collection<UUID> orderIds) {
        if (orderIds.isEmpty()) {
            return List.of();
        }
        // Events of one transaction share an instant when the clock is coarse: placed first, a status change after its cause.
        return jdbc.sql("""
                        select * from membership_order_event where tenant_id = ? and order_id = any(?)
                        order by at, case kind when 'placed' then 0 when 'status.changed' then 2 else 1 end, id""")
                .params(tenant.value(), orderIds.toArray(UUID[]::new))
                .query(OrderTimeline::event).list();
    }

    private static OrderEvent event(ResultSet rs, int n) throws SQLException {
        Map<String, Object> details = JSON.readValue(rs.getString("details"), new TypeReference<>() {
        });
        return new OrderEvent(rs.getObject("id", UUID.class), rs.getObject("order_id", UUID.class),
                rs.getTimestamp("at").toInstant(), rs.getString("kind"), rs.getObject("actor_id", UUID.class), details);
    }
}
