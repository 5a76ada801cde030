package eu.localeconomy.membership.catalogue;

import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.Money;

import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;

/**
 * One line of a price's explanation, e.g. "42 rooms × €2 = €84": the rule (null for the base price), its labels,
 * what it did and the price after it. {@code units}/{@code unitPrice} for PER_UNIT, {@code percent} for PERCENT,
 * {@code amount} the amount the rule set or added. Rendered in the reader's language by the catalogue's formatter.
 */
public record PriceStep(UUID ruleId, PriceRuleKind kind, Map<Language, String> labels, Money amount,
                        BigDecimal units, Money unitPrice, BigDecimal percent, Money priceAfter) {
}
