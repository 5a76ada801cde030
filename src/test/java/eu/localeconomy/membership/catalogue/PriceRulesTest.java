package eu.localeconomy.membership.catalogue;

import eu.localeconomy.directory.Criterion;
import eu.localeconomy.directory.Criterion.Condition;
import eu.localeconomy.directory.Criterion.Operator;
import eu.localeconomy.directory.Establishment;
import eu.localeconomy.directory.EstablishmentDetails;
import eu.localeconomy.directory.EstablishmentId;
import eu.localeconomy.directory.EstablishmentType;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.support.ResourceBundleMessageSource;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The price engine rule by rule, with explanations, on establishments built in memory. */
class PriceRulesTest {

    private static final String NBSP = "\u00a0";
    private static final PriceExplanations EXPLANATIONS = new PriceExplanations(messages());

    // --- establishments -------------------------------------------------------------------------------------------

    /** A secondary 3★ hotel of 42 rooms and 80 persons, member for three seasons, in the partner association. */
    static Establishment hotel() {
        return establishment(d -> d);
    }

    static Establishment establishment(UnaryOperator<Details> change) {
        Details d = change.apply(new Details(EstablishmentType.HOTEL, "PREFECTORAL", "3", 80, 42, null, false,
                new TreeSet<>(List.of(2023, 2024, 2025)), Map.of("partner_association", true,
                "brochure_pages", new BigDecimal("2"))));
        return new Establishment(new EstablishmentId(UUID.randomUUID()), 0, new EstablishmentDetails(null, d.main,
                "Hôtel des Falaises", null, null, null, d.type, d.scheme, d.value, d.persons, d.rooms, d.pitches,
                null, null, null, null, List.of(), null, null, "Étretat", "FR", null, null, d.custom),
                d.seasons, List.of(), false);
    }

    record Details(EstablishmentType type, String scheme, String value, Integer persons, Integer rooms,
                   Integer pitches, boolean main, TreeSet<Integer> seasons, Map<String, Object> custom) {
        Details persons(Integer n) {
            return new Details(type, scheme, value, n, rooms, pitches, main, seasons, custom);
        }

        Details rooms(Integer n) {
            return new Details(type, scheme, value, persons, n, pitches, main, seasons, custom);
        }

        Details main(boolean m) {
            return new Details(type, scheme, value, persons, rooms, pitches, m, seasons, custom);
        }

        Details type(EstablishmentType t) {
            return new Details(t, scheme, value, persons, rooms, pitches, main, seasons, custom);
        }

        Details stars(String v) {
            return new Details(type, scheme, v, persons, rooms, pitches, main, seasons, custom);
        }

        Details seasons(Integer... s) {
            return new Details(type, scheme, value, persons, rooms, pitches, main, new TreeSet<>(Arrays.asList(s)),
                    custom);
        }

        Details custom(Map<String, Object> c) {
            return new Details(type, scheme, value, persons, rooms, pitches, main, seasons, c);
        }
    }

    // --- rules ----------------------------------------------------------------------------------------------------

    static Condition when(String field, Operator op, String... values) {
        return new Condition(field, op, List.of(values));
    }

    static Criterion all(Criterion... items) {
        return new Criterion.Group(Criterion.Junction.ALL, List.of(items));
    }

    static PriceRule rule(int position, PriceRuleKind kind, Criterion condition, Map<String, Object> params,
                          String fr, String en) {
        return new PriceRule(UUID.randomUUID(), position, kind, condition, params,
                Map.of(Language.FR, fr, Language.EN, en, Language.NL, en));
    }

    static PriceRule set(long cents, Criterion condition) {
        return rule(1, PriceRuleKind.SET, condition, Map.of("amountCents", cents), "catégorie", "category");
    }

    static PriceRule perUnit(String field, long unit, Long min, Long max, String mode) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("field", field);
        params.put("unitCents", unit);
        params.put("minCents", min);
        params.put("maxCents", max);
        params.put("mode", mode);
        return rule(2, PriceRuleKind.PER_UNIT, null, params, "chambres", "rooms");
    }

    static PriceRule personBands(String mode) {
        return rule(3, PriceRuleKind.BANDS, null, Map.of("field", "capacity_persons", "mode", mode, "bands", List.of(
                Map.of("from", 0, "to", 49, "amountCents", 5000),
                Map.of("from", 50, "to", 99, "amountCents", 8000),
                new HashMap<>(Map.of("from", 100, "amountCents", 12000)))), "capacité", "capacity");
    }

    static PriceRule percent(String value, Criterion condition) {
        return rule(4, PriceRuleKind.PERCENT, condition, Map.of("percent", value), "remise", "discount");
    }

    static PriceRule adjust(long cents, Criterion condition) {
        return rule(5, PriceRuleKind.ADJUST, condition, Map.of("amountCents", cents), "ajustement", "adjustment");
    }

    static Price price(long baseCents, Establishment establishment, PriceRule... rules) {
        return PriceEngine.price(Money.euros(baseCents), PriceEngine.compile(List.of(rules)), establishment);
    }

    // --- the table ------------------------------------------------------------------------------------------------

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of("base price alone", 10000, hotel(), List.of(), 10000),
                Arguments.of("SET when the type matches", 10000, hotel(),
                        List.of(set(18000, when("type", Operator.EQUALS, "HOTEL"))), 18000),
                Arguments.of("SET skipped when the type differs", 10000, hotel(),
                        List.of(set(18000, when("type", Operator.EQUALS, "CAMPSITE"))), 10000),
                Arguments.of("SET on classification 3★", 0, hotel(),
                        List.of(set(18000, all(when("type", Operator.EQUALS, "HOTEL"),
                                when("classification_value", Operator.EQUALS, "3")))), 18000),
                Arguments.of("SET skipped for a 4★", 0, establishment(d -> d.stars("4")),
                        List.of(set(18000, when("classification_value", Operator.EQUALS, "3"))), 0),
                Arguments.of("SET on a capacity range", 0, hotel(),
                        List.of(set(7000, when("capacity_rooms", Operator.BETWEEN, "40", "60"))), 7000),
                Arguments.of("SET skipped outside the capacity range", 0, hotel(),
                        List.of(set(7000, when("capacity_rooms", Operator.BETWEEN, "43", ""))), 0),
                Arguments.of("member for at least 3 seasons", 10000, hotel(),
                        List.of(adjust(-1000, when("member_seasons", Operator.BETWEEN, "3", ""))), 9000),
                Arguments.of("not yet member for 4 seasons", 10000, hotel(),
                        List.of(adjust(-1000, when("member_seasons", Operator.BETWEEN, "4", ""))), 10000),
                Arguments.of("main establishment only", 10000, establishment(d -> d.main(true)),
                        List.of(percent("-50", when("main", Operator.EQUALS, "false"))), 10000),
                Arguments.of("secondary establishment", 10000, hotel(),
                        List.of(percent("-50", when("main", Operator.EQUALS, "false"))), 5000),
                Arguments.of("custom yes/no field", 10000, hotel(),
                        List.of(adjust(-2500, when("custom.partner_association", Operator.EQUALS, "true"))), 7500),
                Arguments.of("custom field absent", 10000, establishment(d -> d.custom(Map.of())),
                        List.of(adjust(-2500, when("custom.partner_association", Operator.EQUALS, "true"))), 10000),
                Arguments.of("per unit added", 1000, hotel(), List.of(perUnit("capacity_rooms", 200, null, null,
                        "ADD")), 9400),
                Arguments.of("per unit replacing", 1000, hotel(), List.of(perUnit("capacity_rooms", 200, null, null,
                        "SET")), 8400),
                Arguments.of("per unit raised to its minimum", 0, establishment(d -> d.rooms(3)),
                        List.of(perUnit("capacity_rooms", 200, 1500L, 6000L, "ADD")), 1500),
                Arguments.of("per unit capped at its maximum", 0, hotel(),
                        List.of(perUnit("capacity_rooms", 200, 1500L, 6000L, "ADD")), 6000),
                Arguments.of("per unit on an absent capacity counts 0", 1000, establishment(d -> d.rooms(null)),
                        List.of(perUnit("capacity_rooms", 200, null, null, "ADD")), 1000),
                Arguments.of("per unit on a custom number", 0, hotel(),
                        List.of(perUnit("custom.brochure_pages", 15000, null, null, "ADD")), 30000),
                Arguments.of("band 0–49 lower edge", 0, establishment(d -> d.persons(0)), List.of(personBands("SET")),
                        5000),
                Arguments.of("band 0–49 upper edge", 0, establishment(d -> d.persons(49)),
                        List.of(personBands("SET")), 5000),
                Arguments.of("band 50–99 lower edge", 0, establishment(d -> d.persons(50)),
                        List.of(personBands("SET")), 8000),
                Arguments.of("band 50–99 upper edge", 0, establishment(d -> d.persons(99)),
                        List.of(personBands("SET")), 8000),
                Arguments.of("open band from 100", 0, establishment(d -> d.persons(100_000)),
                        List.of(personBands("SET")), 12000),
                Arguments.of("band added to the price", 1000, hotel(), List.of(personBands("ADD")), 9000),
                Arguments.of("band on an absent capacity counts 0", 1000, establishment(d -> d.persons(null)),
                        List.of(personBands("SET")), 5000),
                Arguments.of("percent half-up: 264.01 −50 % = 132.005 → 132.01", 26401, hotel(),
                        List.of(percent("-50", null)), 13201),
                Arguments.of("percent half-up: 9.99 +10 % = 10.989 → 10.99", 999, hotel(),
                        List.of(percent("10", null)), 1099),
                Arguments.of("percent with decimals: 1.00 −33.33 % = 0.6667 → 0.67", 100, hotel(),
                        List.of(percent("-33.33", null)), 67),
                Arguments.of("−100 % is free", 5000, hotel(), List.of(percent("-100", null)), 0),
                Arguments.of("adjust never below zero", 1000, hotel(), List.of(adjust(-2000, null)), 0),
                Arguments.of("rules in position order", 10000, hotel(), List.of(
                        rule(2, PriceRuleKind.PERCENT, null, Map.of("percent", "-10"), "r", "r"),
                        rule(1, PriceRuleKind.ADJUST, null, Map.of("amountCents", 10000), "a", "a")), 18000));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void prices(String name, long base, Establishment establishment, List<PriceRule> rules, long expected) {
        Price price = price(base, establishment, rules.toArray(PriceRule[]::new));

        assertThat(price.amount()).isEqualTo(Money.euros(expected));
        assertThat(price.conflicts()).isEmpty();
        assertThat(price.steps().getFirst().kind()).isNull();
        assertThat(price.steps().getLast().priceAfter()).isEqualTo(price.amount());
    }

    @Test
    void theIssuesExampleIsExplainedInFrenchAndEnglish() {
        PriceRule category = rule(1, PriceRuleKind.SET, all(when("type", Operator.EQUALS, "HOTEL"),
                when("classification_value", Operator.EQUALS, "3")), Map.of("amountCents", 18000),
                "catégorie hôtel 3★", "category hotel 3★");
        PriceRule rooms = rule(2, PriceRuleKind.PER_UNIT, null,
                Map.of("field", "capacity_rooms", "unitCents", 200, "mode", "ADD"), "chambres", "rooms");
        PriceRule secondary = rule(3, PriceRuleKind.PERCENT, when("main", Operator.EQUALS, "false"),
                Map.of("percent", "-50"), "établissement secondaire", "secondary establishment");

        Price price = price(0, hotel(), category, rooms, secondary);

        assertThat(price.amount()).isEqualTo(Money.euros(13200));
        assertThat(EXPLANATIONS.explain(price, Locale.FRENCH)).isEqualTo(
                "catégorie hôtel 3★ : 180,00" + NBSP + "€ ; 42 chambres × 2,00" + NBSP + "€ = 84,00" + NBSP
                        + "€ ; établissement secondaire −50" + NBSP + "% → 132,00" + NBSP + "€");
        assertThat(EXPLANATIONS.explain(price, Locale.ENGLISH)).isEqualTo(
                "category hotel 3★: €180.00; 42 rooms × €2.00 = €84.00; secondary establishment −50" + NBSP
                        + "% → €132.00");
        assertThat(price.steps()).extracting(PriceStep::kind).containsExactly(null, PriceRuleKind.SET,
                PriceRuleKind.PER_UNIT, PriceRuleKind.PERCENT);
        PriceStep perRoom = price.steps().get(2);
        assertThat(perRoom.units()).isEqualByComparingTo("42");
        assertThat(perRoom.unitPrice()).isEqualTo(Money.euros(200));
        assertThat(perRoom.amount()).isEqualTo(Money.euros(8400));
        assertThat(price.steps().get(3).percent()).isEqualByComparingTo("-50");
    }

    @Test
    void theBasePriceIsExplainedWhenItCounts() {
        Price price = price(10000, hotel(), adjust(2500, null));

        assertThat(EXPLANATIONS.explain(price, Locale.ENGLISH)).isEqualTo("base price: €100.00; adjustment +€25.00 → €125.00");
        assertThat(EXPLANATIONS.explain(price(10000, hotel()), Locale.FRENCH)).isEqualTo("prix de base : 100,00" + NBSP + "€");
        assertThat(EXPLANATIONS.explain(price(10000, hotel()), Locale.of("nl"))).isEqualTo("basisprijs: €" + NBSP + "100,00");
    }

    @Test
    void anAbsentCapacityIsStatedInTheExplanation() {
        Price price = price(1000, establishment(d -> d.rooms(null)), perUnit("capacity_rooms", 200, null, null, "ADD"));

        assertThat(price.steps().get(1).units()).isNull();
        assertThat(EXPLANATIONS.explain(price, Locale.ENGLISH))
                .isEqualTo("base price: €10.00; 0 rooms (not stated) × €2.00 = €0.00; total: €10.00");
        assertThat(EXPLANATIONS.explain(price, Locale.FRENCH)).contains("0 chambres (non renseigné) × 2,00");
    }

    @Test
    void clampedUnitsAndBandsSayWhatHappened() {
        Price capped = price(0, hotel(), perUnit("capacity_rooms", 200, 1500L, 6000L, "ADD"));
        assertThat(EXPLANATIONS.explain(capped, Locale.ENGLISH)).isEqualTo("42 rooms × €2.00 = €84.00, capped at €60.00");

        Price banded = price(0, hotel(), personBands("SET"));
        assertThat(EXPLANATIONS.explain(banded, Locale.ENGLISH)).isEqualTo("capacity (80): €80.00");

        Price unstated = price(0, establishment(d -> d.persons(null)), personBands("SET"));
        assertThat(EXPLANATIONS.explain(unstated, Locale.ENGLISH)).isEqualTo("capacity (not stated, counted as 0): €50.00");
    }

    @Test
    void aSecondMatchingSetIsAConflictAndTheLaterWins() {
        PriceRule hotels = set(15000, when("type", Operator.EQUALS, "HOTEL"));
        PriceRule threeStars = rule(2, PriceRuleKind.SET, when("classification_value", Operator.EQUALS, "3"),
                Map.of("amountCents", 18000), "3★", "3★");
        PriceRule campsites = rule(3, PriceRuleKind.SET, when("type", Operator.EQUALS, "CAMPSITE"),
                Map.of("amountCents", 9000), "camping", "campsite");

        Price price = price(0, hotel(), hotels, threeStars, campsites);

        assertThat(price.amount()).isEqualTo(Money.euros(18000));
        assertThat(price.conflicts()).containsExactly(threeStars.id().toString());
        assertThat(price(0, establishment(d -> d.stars("4")), hotels, threeStars, campsites).conflicts()).isEmpty();
    }

    static Stream<Arguments> badParams() {
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("amountCents", null);
        return Stream.of(
                Arguments.of(PriceRuleKind.SET, Map.of(), "catalogue.rule.invalid.missing"),
                Arguments.of(PriceRuleKind.SET, withNull, "catalogue.rule.invalid.missing"),
                Arguments.of(PriceRuleKind.SET, Map.of("amountCents", -1), "catalogue.rule.invalid.negative"),
                Arguments.of(PriceRuleKind.SET, Map.of("amountCents", "12.5"), "catalogue.rule.invalid.cents"),
                Arguments.of(PriceRuleKind.SET, Map.of("amountCents", "douze"), "catalogue.rule.invalid.number"),
                Arguments.of(PriceRuleKind.SET, Map.of("amountCents", 99_999_999_999L), "catalogue.rule.invalid.tooLarge"),
                Arguments.of(PriceRuleKind.SET, Map.of("amountCents", 1, "extra", 2), "catalogue.rule.invalid.unknownParam"),
                Arguments.of(PriceRuleKind.PER_UNIT, Map.of("unitCents", 200), "catalogue.rule.invalid.field"),
                Arguments.of(PriceRuleKind.PER_UNIT, Map.of("field", "Robert'); drop", "unitCents", 200),
                        "catalogue.rule.invalid.field"),
                Arguments.of(PriceRuleKind.PER_UNIT, Map.of("field", "capacity_rooms", "unitCents", 200, "mode", "MUL"),
                        "catalogue.rule.invalid.mode"),
                Arguments.of(PriceRuleKind.PER_UNIT, Map.of("field", "capacity_rooms", "unitCents", 200,
                        "minCents", 500, "maxCents", 100), "catalogue.rule.invalid.minMax"),
                Arguments.of(PriceRuleKind.BANDS, Map.of("field", "capacity_rooms", "bands", List.of()),
                        "catalogue.rule.invalid.bands"),
                Arguments.of(PriceRuleKind.BANDS, Map.of("field", "capacity_rooms", "bands", List.of(
                        Map.of("from", 10, "to", 5, "amountCents", 1))), "catalogue.rule.invalid.bandOrder"),
                Arguments.of(PriceRuleKind.BANDS, Map.of("field", "capacity_rooms", "bands", List.of(
                        Map.of("from", 0, "to", 10, "amountCents", 1), Map.of("from", 10, "amountCents", 2))),
                        "catalogue.rule.invalid.bandOverlap"),
                Arguments.of(PriceRuleKind.BANDS, Map.of("field", "capacity_rooms", "bands", List.of(
                        Map.of("from", 0, "amountCents", 1), Map.of("from", 10, "amountCents", 2))),
                        "catalogue.rule.invalid.bandOverlap"),
                Arguments.of(PriceRuleKind.PERCENT, Map.of("percent", "-100.01"), "catalogue.rule.invalid.percent"),
                Arguments.of(PriceRuleKind.PERCENT, Map.of("percent", "12.345"), "catalogue.rule.invalid.percent"),
                Arguments.of(PriceRuleKind.PERCENT, Map.of("percent", "0"), "catalogue.rule.invalid.percent"),
                Arguments.of(PriceRuleKind.PERCENT, Map.of("percent", "1e400"), "catalogue.rule.invalid.percent"),
                Arguments.of(PriceRuleKind.ADJUST, Map.of("amountCents", 0), "catalogue.rule.invalid.zero"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("badParams")
    void refusesBadParameters(PriceRuleKind kind, Map<String, Object> params, String key) {
        PriceRule rule = new PriceRule(UUID.randomUUID(), 1, kind, null, params, Map.of());

        assertThatThrownBy(() -> PriceEngine.compile(rule))
                .isInstanceOfSatisfying(InvalidPriceRuleException.class, e -> {
                    assertThat(e.messageKey()).isEqualTo(key);
                    assertThat(messages().getMessage(e.messageKey(), e.arguments(), Locale.FRENCH)).isNotBlank();
                });
    }

    @Test
    void absurdFieldValuesCannotOverflow() {
        Establishment huge = establishment(d -> d.custom(Map.of("brochure_pages", new BigDecimal("1e30"))));

        Price price = price(0, huge, perUnit("custom.brochure_pages", 1_000_000, null, null, "ADD"),
                percent("1000", null), percent("1000", null));

        assertThat(price.amount().cents()).isEqualTo(PriceEngine.CEILING_CENTS);
    }

    private static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasename("i18n/membership-catalogue");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return source;
    }
}
