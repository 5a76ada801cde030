package eu.localeconomy.membership.payment;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** One line of an order's timeline. {@code actorId} is null for the payment provider and the system. */
public record OrderEvent(UUID id, UUID orderId, Instant at, String kind, UUID actorId, Map<String, Object> details) {
}
