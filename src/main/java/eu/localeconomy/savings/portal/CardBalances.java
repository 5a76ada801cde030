package eu.localeconomy.savings.portal;

import eu.localeconomy.shared.Money;
import eu.localeconomy.shared.TenantId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What a card holds, as the citizen portal shows it. The ledger (next issue) implements this interface; until then
 * {@link CardBalancesBeforeLedger} answers for cards that exist with no purchases registered.
 */
public interface CardBalances {

    /** The card's balance; empty when the tenant has no such card. */
    Optional<CardBalance> of(TenantId tenant, UUID cardId);

    /**
     * @param credit  credit earned so far in the earn window
     * @param voucher the voucher balance once the credit has been converted; empty before conversion
     * @param history movements on the card, newest first
     */
    record CardBalance(Money credit, Optional<Money> voucher, List<Movement> history) {

        public boolean hasMovements() {
            return !history.isEmpty();
        }
    }

    /** One line of the card's history: a purchase that earned credit, a conversion, a voucher spent, a correction. */
    record Movement(Instant at, String kind, Money amount, String merchantName) {
    }
}
