package eu.localeconomy.membership.payment;

import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.TenantId;

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

    public void record(TenantId tenant, UUID orderId, String kind, Actor actor, Map<String, Object> details) {
        throw new UnsupportedOperationException("contract: membership.payment");
    }

    /** Oldest first. */
    public List<OrderEvent> of(TenantId tenant, UUID orderId) {
        throw new UnsupportedOperationException("contract: membership.payment");
    }

    /** The events of several orders (an establishment's timeline), oldest first. */
    public List<OrderEvent> ofOrders(TenantId tenant, Collection<UUID> orderIds) {
        throw new UnsupportedOperationException("contract: membership.payment");
    }
}
