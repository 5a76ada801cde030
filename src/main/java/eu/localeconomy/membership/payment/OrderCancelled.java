package eu.localeconomy.membership.payment;

import eu.localeconomy.shared.TenantId;

import java.util.UUID;

/** Published in the transaction that cancelled an order awaiting payment (stock released; an issued invoice gets a credit note). */
public record OrderCancelled(TenantId tenant, UUID orderId, String reason) {
}
