package eu.localeconomy.membership.payment;

import eu.localeconomy.shared.TenantId;

import java.util.UUID;

/** Published in the transaction that recorded a refund (invoicing issues the credit note). */
public record RefundRecorded(TenantId tenant, UUID orderId, UUID refundId, UUID paymentId, eu.localeconomy.membership.extranet.PaymentMethod method, eu.localeconomy.shared.Money amount, eu.localeconomy.membership.extranet.OrderStatus statusAfter) {
}
