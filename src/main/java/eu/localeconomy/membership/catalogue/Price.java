package eu.localeconomy.membership.catalogue;

import eu.localeconomy.shared.Money;

import java.util.List;

/**
 * A product's price for one establishment (excluding VAT) with its explanation. {@code conflicts} names the rules
 * that set the price again after an earlier SET matched (the later one won) — reported to the office before launch;
 * each is the rule's id as text ({@link PriceRule#id()}). The first step is always the base price ({@code kind} null);
 * {@link PriceExplanations} renders the steps in a reader's language.
 */
public record Price(Money amount, List<PriceStep> steps, List<String> conflicts) {
}
