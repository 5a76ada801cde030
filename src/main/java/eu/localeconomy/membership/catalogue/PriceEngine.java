package eu.localeconomy.membership.catalogue;

import eu.localeconomy.directory.Criteria;
import eu.localeconomy.directory.DirectoryFields;
import eu.localeconomy.directory.Establishment;
import eu.localeconomy.membership.catalogue.PriceRuleParams.Adjust;
import eu.localeconomy.membership.catalogue.PriceRuleParams.Band;
import eu.localeconomy.membership.catalogue.PriceRuleParams.Bands;
import eu.localeconomy.membership.catalogue.PriceRuleParams.Mode;
import eu.localeconomy.membership.catalogue.PriceRuleParams.Percent;
import eu.localeconomy.membership.catalogue.PriceRuleParams.PerUnit;
import eu.localeconomy.membership.catalogue.PriceRuleParams.SetPrice;
import eu.localeconomy.shared.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Prices a product for an establishment: the base price, then every rule whose condition matches, in position
 * order. Pure code over an establishment already loaded, so the matrix can price thousands of establishments in
 * memory. The price never goes below zero; a price set again after an earlier SET is a conflict (the later wins).
 */
final class PriceEngine {

    /** Amounts are capped here (a billion euros) so absurd field values cannot overflow the cents. */
    static final long CEILING_CENTS = 100_000_000_000L;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** A rule with its parameters parsed once (they are read for every establishment). */
    record CompiledRule(PriceRule rule, PriceRuleParams params) {
    }

    private PriceEngine() {
    }

    static CompiledRule compile(PriceRule rule) {
        return new CompiledRule(rule, PriceRuleParams.parse(rule.kind(), rule.params()));
    }

    /** Compiles and sorts by position; throws {@link InvalidPriceRuleException} on the first bad rule. */
    static List<CompiledRule> compile(List<PriceRule> rules) {
        return rules.stream().sorted(Comparator.comparingInt(PriceRule::position)).map(PriceEngine::compile).toList();
    }

    static Price price(Money base, List<CompiledRule> rules, Establishment establishment) {
        String currency = base.currency();
        long price = Math.max(0, base.cents());
        List<PriceStep> steps = new ArrayList<>(rules.size() + 1);
        List<String> conflicts = List.of();
        steps.add(new PriceStep(null, null, Map.of(), money(price, currency), null, null, null,
                money(price, currency)));
        boolean setBefore = false;
        for (CompiledRule compiled : rules) {
            PriceRule rule = compiled.rule();
            if (rule.condition() != null && !Criteria.matches(rule.condition(), establishment)) {
                continue;
            }
            boolean replaces = false;
            PriceStep step;
            switch (compiled.params()) {
                case SetPrice set -> {
                    price = set.amountCents();
                    replaces = true;
                    step = step(rule, money(set.amountCents(), currency), null, null, null, price, currency);
                }
                case PerUnit perUnit -> {
                    BigDecimal units = number(DirectoryFields.valueOf(establishment, perUnit.field()));
                    BigDecimal counted = units == null ? BigDecimal.ZERO : units;
                    long amount = cap(counted.multiply(BigDecimal.valueOf(perUnit.unitCents()))
                            .setScale(0, RoundingMode.HALF_UP));
                    if (perUnit.minCents() != null) {
                        amount = Math.max(amount, perUnit.minCents());
                    }
                    if (perUnit.maxCents() != null) {
                        amount = Math.min(amount, perUnit.maxCents());
                    }
                    replaces = perUnit.mode() == Mode.SET;
                    price = replaces ? amount : price + amount;
                    step = step(rule, money(amount, currency), units, money(perUnit.unitCents(), currency), null,
                            price, currency);
                }
                case Bands bands -> {
                    BigDecimal value = number(DirectoryFields.valueOf(establishment, bands.field()));
                    BigDecimal looked = value == null ? BigDecimal.ZERO : value;
                    Band band = bands.bands().stream().filter(b -> b.contains(looked)).findFirst().orElse(null);
                    if (band != null) {
                        replaces = bands.mode() == Mode.SET;
                        price = replaces ? band.amountCents() : price + band.amountCents();
                    }
                    // No band for the value: the step says so and the price is unchanged.
                    step = step(rule, band == null ? null : money(band.amountCents(), currency), value, null, null,
                            price, currency);
                }
                case Percent percent -> {
                    long before = price;
                    price = cap(BigDecimal.valueOf(price).multiply(HUNDRED.add(percent.percent()))
                            .divide(HUNDRED, 0, RoundingMode.HALF_UP));
                    step = step(rule, money(price - before, currency), null, null, percent.percent(), price,
                            currency);
                }
                case Adjust adjust -> {
                    price = price + adjust.amountCents();
                    step = step(rule, money(adjust.amountCents(), currency), null, null, null, Math.max(0, price),
                            currency);
                }
            }
            price = Math.min(Math.max(0, price), CEILING_CENTS);
            if (replaces) {
                if (setBefore) {
                    conflicts = conflicts.isEmpty() ? new ArrayList<>() : conflicts;
                    conflicts.add(rule.id().toString());
                }
                setBefore = true;
            }
            steps.add(step);
        }
        return new Price(money(price, currency), List.copyOf(steps), List.copyOf(conflicts));
    }

    private static PriceStep step(PriceRule rule, Money amount, BigDecimal units, Money unitPrice, BigDecimal percent,
                                  long after, String currency) {
        return new PriceStep(rule.id(), rule.kind(), rule.labels(), amount, units, unitPrice, percent,
                money(Math.min(Math.max(0, after), CEILING_CENTS), currency));
    }

    /** A field's value as a number: numbers as they are, numeric text parsed, anything else absent. */
    static BigDecimal number(Object value) {
        return switch (value) {
            case null -> null;
            case BigDecimal b -> b;
            case Integer i -> BigDecimal.valueOf(i);
            case Long l -> BigDecimal.valueOf(l);
            case Number n -> new BigDecimal(n.toString());
            case String s -> {
                try {
                    yield s.isBlank() || s.length() > 30 ? null : new BigDecimal(s.trim().replace(',', '.'));
                } catch (NumberFormatException e) {
                    yield null;
                }
            }
            default -> null;
        };
    }

    private static long cap(BigDecimal cents) {
        if (cents.compareTo(BigDecimal.valueOf(CEILING_CENTS)) > 0) {
            return CEILING_CENTS;
        }
        return Math.max(-CEILING_CENTS, cents.longValue());
    }

    private static Money money(long cents, String currency) {
        return new Money(cents, currency);
    }
}
