package eu.localeconomy.membership.payment;

import eu.localeconomy.shared.TenantId;

import java.util.UUID;

/** Published in the transaction that recorded a payment (offline or card). */
public record PaymentRecorded(TenantId tenant, UUID orderId, UUID paymentId, eu.localeconomy.membership.extranet.PaymentMethod method, eu.localeconomy.shared.Money amount, eu.localeconomy.membership.extranet.OrderStatus statusAfter) {
}
