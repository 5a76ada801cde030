package eu.localeconomy.membership.catalogue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The parameters of a price rule, parsed strictly from their JSON form (see {@link PriceRuleKind}): unknown keys,
 * missing keys, wrong types, negative prices, overlapping bands are refused with an {@link InvalidPriceRuleException}.
 */
sealed interface PriceRuleParams {

    /** Ten million euros: far above any membership price, far below an overflow of cents. */
    long MAX_CENTS = 1_000_000_000L;
    Pattern FIELD = Pattern.compile("[a-z][a-z0-9_]{0,39}(\\.[a-z][a-z0-9_]{0,39})?");

    /** Whether the rule's amount replaces the running price (SET) or is added to it (ADD). */
    enum Mode { SET, ADD }

    record SetPrice(long amountCents) implements PriceRuleParams {
    }

    record PerUnit(String field, long unitCents, Long minCents, Long maxCents, Mode mode) implements PriceRuleParams {
    }

    record Band(BigDecimal from, BigDecimal to, long amountCents) {
        boolean contains(BigDecimal value) {
            return value.compareTo(from) >= 0 && (to == null || value.compareTo(to) <= 0);
        }
    }

    record Bands(String field, List<Band> bands, Mode mode) implements PriceRuleParams {
    }

    record Percent(BigDecimal percent) implements PriceRuleParams {
    }

    record Adjust(long amountCents) implements PriceRuleParams {
    }

    static PriceRuleParams parse(PriceRuleKind kind, Map<String, Object> params) {
        if (kind == null) {
            throw new InvalidPriceRuleException("catalogue.rule.invalid.kind");
        }
        Map<String, Object> p = params == null ? Map.of() : params;
        return switch (kind) {
            case SET -> {
                only(p, Set.of("amountCents"));
                yield new SetPrice(cents(p, "amountCents", true, false));
            }
            case PER_UNIT -> {
                only(p, Set.of("field", "unitCents", "minCents", "maxCents", "mode"));
                Long min = optionalCents(p, "minCents");
                Long max = optionalCents(p, "maxCents");
                if (min != null && max != null && min > max) {
                    throw new InvalidPriceRuleException("catalogue.rule.invalid.minMax");
                }
                yield new PerUnit(field(p), cents(p, "unitCents", true, false), min, max, mode(p));
            }
            case BANDS -> {
                only(p, Set.of("field", "bands", "mode"));
                yield new Bands(field(p), bands(p.get("bands")), mode(p));
            }
            case PERCENT -> {
                only(p, Set.of("percent"));
                yield new Percent(percent(p.get("percent")));
            }
            case ADJUST -> {
                only(p, Set.of("amountCents"));
                long amount = cents(p, "amountCents", true, true);
                if (amount == 0) {
                    throw new InvalidPriceRuleException("catalogue.rule.invalid.zero", "amountCents");
                }
                yield new Adjust(amount);
            }
        };
    }

    private static void only(Map<String, Object> p, Set<String> allowed) {
        for (String key : p.keySet()) {
            if (!allowed.contains(key)) {
                throw new InvalidPriceRuleException("catalogue.rule.invalid.unknownParam", key);
            }
        }
    }

    private static String field(Map<String, Object> p) {
        if (!(p.get("field") instanceof String field) || !FIELD.matcher(field).matches()) {
            throw new InvalidPriceRuleException("catalogue.rule.invalid.field");
        }
        return field;
    }

    private static Mode mode(Map<String, Object> p) {
        Object value = p.get("mode");
        if (value == null) {
            return Mode.ADD;
        }
        if ("ADD".equals(value)) {
            return Mode.ADD;
        }
        if ("SET".equals(value)) {
            return Mode.SET;
        }
        throw new InvalidPriceRuleException("catalogue.rule.invalid.mode");
    }

    private static Long optionalCents(Map<String, Object> p, String key) {
        return p.get(key) == null ? null : cents(p, key, true, false);
    }

    private static long cents(Map<String, Object> p, String key, boolean required, boolean signed) {
        Object value = p.get(key);
        if (value == null) {
            if (required) {
                throw new InvalidPriceRuleException("catalogue.rule.invalid.missing", key);
            }
            return 0;
        }
        BigDecimal number = number(value, key);
        long cents;
        try {
            cents = number.longValueExact();
        } catch (ArithmeticException e) {
            throw new InvalidPriceRuleException("catalogue.rule.invalid.cents", key);
        }
        if (!signed && cents < 0) {
            throw new InvalidPriceRuleException("catalogue.rule.invalid.negative", key);
        }
        if (Math.abs(cents) > MAX_CENTS) {
            throw new InvalidPriceRuleException("catalogue.rule.invalid.tooLarge", key);
        }
        return cents;
    }

    private static BigDecimal number(Object value, String key) {
        try {
            return switch (value) {
                case Integer i -> BigDecimal.valueOf(i);
                case Long l -> BigDecimal.valueOf(l);
                case Short s -> BigDecimal.valueOf(s);
                case BigDecimal b -> b;
                case java.math.BigInteger b -> new BigDecimal(b);
                case Double d when Double.isFinite(d) -> BigDecimal.valueOf(d);
                case Float f when Float.isFinite(f) -> BigDecimal.valueOf(f);
                case String s when s.trim().length() <= 30 -> new BigDecimal(s.trim());
                default -> throw new NumberFormatException();
            };
        } catch (NumberFormatException e) {
            throw new InvalidPriceRuleException("catalogue.rule.invalid.number", key);
        }
    }

    private static BigDecimal percent(Object value) {
        if (value == null) {
            throw new InvalidPriceRuleException("catalogue.rule.invalid.missing", "percent");
        }
        BigDecimal percent = number(value, "percent").stripTrailingZeros();
        // −100 % makes a product free; beyond that the price would be negative. +1000 % is already a typo.
        if (percent.scale() > 2 || percent.compareTo(BigDecimal.valueOf(-100)) < 0
                || percent.compareTo(BigDecimal.valueOf(1000)) > 0 || percent.signum() == 0) {
            throw new InvalidPriceRuleException("catalogue.rule.invalid.percent");
        }
        return percent.scale() < 0 ? percent.setScale(0) : percent;
    }

    private static List<Band> bands(Object value) {
        if (!(value instanceof List<?> items) || items.isEmpty() || items.size() > 100) {
            throw new InvalidPriceRuleException("catalogue.rule.invalid.bands");
        }
        List<Band> bands = new ArrayList<>();
        for (Object item : items) {
            if (!(item instanceof Map<?, ?> raw)) {
                throw new InvalidPriceRuleException("catalogue.rule.invalid.bands");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> band = (Map<String, Object>) raw;
            only(band, Set.of("from", "to", "amountCents"));
            if (band.get("from") == null) {
                throw new InvalidPriceRuleException("catalogue.rule.invalid.missing", "from");
            }
            BigDecimal from = number(band.get("from"), "from");
            BigDecimal to = band.get("to") == null ? null : number(band.get("to"), "to");
            if (to != null && to.compareTo(from) < 0) {
                throw new InvalidPriceRuleException("catalogue.rule.invalid.bandOrder", from.toPlainString(),
                        to.toPlainString());
            }
            bands.add(new Band(from, to, cents(band, "amountCents", true, false)));
        }
        bands.sort(Comparator.comparing(Band::from));
        for (int i = 1; i < bands.size(); i++) {
            Band previous = bands.get(i - 1);
            if (previous.to() == null || previous.to().compareTo(bands.get(i).from()) >= 0) {
                throw new InvalidPriceRuleException("catalogue.rule.invalid.bandOverlap",
                        bands.get(i).from().toPlainString());
            }
        }
        return List.copyOf(bands);
    }
}
