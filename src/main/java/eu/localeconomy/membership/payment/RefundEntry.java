package eu.localeconomy.membership.payment;

import eu.localeconomy.shared.Money;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A refund to record, giving back (part of) one payment. For a method with a {@link PaymentGateway} (card) the
 * provider is asked first and its refund id recorded; offline refunds are recorded as staff type them.
 */
public record RefundEntry(UUID paymentId, Money amount, LocalDate refundedOn, String reference, String reason,
                          String idempotencyKey) {
}
