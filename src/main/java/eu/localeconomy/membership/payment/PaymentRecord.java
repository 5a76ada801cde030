package eu.localeconomy.membership.payment;

import eu.localeconomy.membership.extranet.PaymentMethod;
import eu.localeconomy.shared.Money;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** One row of an order's payments: money received or given back. {@code overpaid} is zero unless staff said so. */
public record PaymentRecord(UUID id, UUID orderId, PaymentKind kind, PaymentMethod method, Money amount, Money overpaid,
                            LocalDate receivedOn, String reference, String chequeNumber, String externalId,
                            UUID refundsPaymentId, String reason, UUID recordedBy, Instant recordedAt) {
}
