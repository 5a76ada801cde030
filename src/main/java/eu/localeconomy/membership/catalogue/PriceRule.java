package eu.localeconomy.membership.catalogue;

import eu.localeconomy.directory.Criterion;
import eu.localeconomy.shared.Language;

import java.util.Map;
import java.util.UUID;

/** One step of a product's price: when {@code condition} matches (null = always), apply {@code kind} with {@code params}. */
public record PriceRule(UUID id, int position, PriceRuleKind kind, Criterion condition, Map<String, Object> params,
                        Map<Language, String> labels) {
}
