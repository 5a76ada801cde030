package eu.localeconomy.membership.catalogue;

import eu.localeconomy.shared.Money;

import java.util.List;

/**
 * A product's price for one establishment (excluding VAT) with its explanation. {@code conflicts} names the rules
 * that set the price again after an earlier SET matched (the later one won) — reported to the office before launch.
 */
public record Price(Money amount, List<PriceStep> steps, List<String> conflicts) {
}
