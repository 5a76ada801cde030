package eu.localeconomy.savings.portal;

import eu.localeconomy.shared.Money;
import eu.localeconomy.shared.TenantId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What a card holds, as the citizen portal shows it; the ledger implements it from its balance projection and the
 * card's transactions.
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

    /**
     * One line of the card's history: a purchase that earned credit (EARN), a conversion (CONVERSION), a voucher spent
     * (SPEND), a merchant's reversal (REVERSAL) or a city correction (CORRECTION). The amount is signed as the card
     * sees it: what a reversal or correction takes back is negative.
     */
    record Movement(Instant at, String kind, Money amount, String merchantName) {
    }
}
