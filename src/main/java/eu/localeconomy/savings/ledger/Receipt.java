package eu.localeconomy.savings.ledger;

import eu.localeconomy.shared.Money;

import java.time.Instant;
import java.util.UUID;

/**
 * The result of a movement, as the counter shows it: what was recorded and the card's balances right after it.
 * A retried request with the same idempotency key gets the original receipt with {@code replayed} set.
 *
 * @param purchase     EARN: the purchase amount typed; null otherwise
 * @param amount       credit earned, voucher spent or amount compensated
 * @param capped       EARN: the credit was cut at the card's cap
 * @param creditAfter  the card's credit after this movement (as recorded when it was made)
 * @param voucherAfter the card's voucher balance after this movement
 */
public record Receipt(UUID transactionId, TransactionKind kind, UUID cardId, String cardNumber, UUID merchantId,
                      Money purchase, Money amount, boolean capped, Money creditAfter, Money voucherAfter,
                      UUID reversesId, Instant at, boolean replayed) {
}
