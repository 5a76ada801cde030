package eu.localeconomy.membership.payment;

import eu.localeconomy.membership.extranet.PaymentMethod;
import eu.localeconomy.shared.Money;

import java.time.LocalDate;

/**
 * A payment to record. {@code acceptOverpayment}: an amount above the balance is refused unless this is true, then
 * the surplus is recorded as overpaid. {@code idempotencyKey}: the same key twice records once (the form's token,
 * the provider's payment id). {@code externalId}: the provider's id (card payments).
 */
public record PaymentEntry(PaymentMethod method, Money amount, LocalDate receivedOn, String reference,
                           String chequeNumber, boolean acceptOverpayment, String externalId, String idempotencyKey) {
}
