package eu.localeconomy.savings.ledger;

import eu.localeconomy.shared.Money;

/** A card's balances from the ledger's projection: credit (earn window), voucher (spend window) and cap. */
public record CardPosition(Money credit, Money voucher, Money cap) {

    /** What the card can still earn before reaching its cap. */
    public Money remainingCap() {
        return cap.minus(credit).isNegative() ? new Money(0, cap.currency()) : cap.minus(credit);
    }
}
