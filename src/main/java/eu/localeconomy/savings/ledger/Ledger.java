package eu.localeconomy.savings.ledger;

import eu.localeconomy.shared.TenantId;
import eu.localeconomy.shared.UserId;
import org.springframework.stereotype.Service;

import java.util.Optional;
import java.util.UUID;

/**
 * The only way value moves on a savings card. Each call is one database transaction that locks the card's balance
 * row (writes to one card are serialised), checks the programme's phase on the tenant's business date and its limits,
 * inserts the transaction (its idempotency key is a unique constraint), its balanced entries and the new balances.
 * A retry with the same key and the same request returns the original receipt; with another request it is refused
 * ({@link LedgerProblem#IDEMPOTENCY_CONFLICT}).
 */
@Service
public class Ledger {

    /** Registers a purchase in the earn window: credit = purchase × the category's rate, cut at the card's cap. */
    public Receipt earn(Counter counter, UUID cardId, long purchaseCents, String idempotencyKey) {
        throw new UnsupportedOperationException("ledger not implemented yet");
    }

    /** Spends part or all of the card's voucher at the merchant in the spend window. */
    public Receipt redeem(Counter counter, UUID cardId, long amountCents, String idempotencyKey) {
        throw new UnsupportedOperationException("ledger not implemented yet");
    }

    /** The merchant undoes one of its own EARN or REDEEM transactions, in full, within the reversal window. */
    public Receipt reverse(Counter counter, UUID transactionId, String idempotencyKey) {
        throw new UnsupportedOperationException("ledger not implemented yet");
    }

    /**
     * The city compensates a transaction (all of it or the part not yet compensated, capped by the original) with a
     * reason, at any time.
     */
    public Receipt correct(TenantId tenant, UserId staff, UUID transactionId, long amountCents, String reason,
                           String idempotencyKey) {
        throw new UnsupportedOperationException("ledger not implemented yet");
    }

    /** The card's balances; empty when the tenant has no such card. A card never used shows zero with its cap. */
    public Optional<CardPosition> position(TenantId tenant, UUID cardId) {
        throw new UnsupportedOperationException("ledger not implemented yet");
    }
}
