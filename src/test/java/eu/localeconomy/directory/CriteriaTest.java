package eu.localeconomy.directory;

import eu.localeconomy.directory.Criterion.Condition;
import eu.localeconomy.directory.Criterion.Group;
import eu.localeconomy.directory.Criterion.Junction;
import eu.localeconomy.directory.Criterion.Operator;
import eu.localeconomy.shared.Language;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Every operator over every type of value, the groups, the problems and the JSON form. */
class CriteriaTest {

    /** A 3-star hotel in Étretat, 24 rooms, no pitches, member in 2024 and 2025, with custom values. */
    static final Establishment HOTEL = new Establishment(new EstablishmentId(UUID.randomUUID()), 0,
            new EstablishmentDetails(null, true, "Hôtel des Falaises", "SARL Les Falaises", "73282932000074", null,
                    EstablishmentType.HOTEL, "PREFECTORAL", "3", 50, 24, null, null, "Pro@Hotel.test", "  ", null,
                    List.of(), null, "76790", "Étretat", "FR", null, null,
                    Map.of("partner", true, "pages", new BigDecimal("2.5"), "opened", LocalDate.of(1999, 6, 1),
                            "level", "gold", "note", "Vue sur la mer")),
            new TreeSet<>(List.of(2024, 2025)), List.of(), false);

    static Condition c(String field, Operator op, String... values) {
        return new Condition(field, op, Arrays.asList(values));
    }

    static Stream<Arguments> conditions() {
        return Stream.of(
                // text: case-insensitive equality, accents ignored by CONTAINS only
                arguments(c("name", Operator.EQUALS, "hôtel des falaises"), true),
                arguments(c("name", Operator.EQUALS, "hotel des falaises"), false),
                arguments(c("name", Operator.NOT_EQUALS, "Autre"), true),
                arguments(c("name", Operator.NOT_EQUALS, "HÔTEL DES FALAISES"), false),
                arguments(c("city", Operator.ONE_OF, "Fécamp", "étretat"), true),
                arguments(c("city", Operator.ONE_OF, "Fécamp", "Yport"), false),
                arguments(c("name", Operator.CONTAINS, "HOTEL"), true),
                arguments(c("name", Operator.CONTAINS, "falaise"), true),
                arguments(c("name", Operator.CONTAINS, "mer"), false),
                arguments(c("custom.note", Operator.CONTAINS, "sur la"), true),
                arguments(c("email", Operator.EQUALS, "pro@hotel.TEST"), true),
                // blank text is absent
                arguments(c("phone", Operator.ABSENT), true),
                arguments(c("phone", Operator.PRESENT), false),
                arguments(c("email", Operator.PRESENT), true),
                arguments(c("website", Operator.NOT_EQUALS, "x"), true),
                arguments(c("website", Operator.EQUALS, "x"), false),
                arguments(c("website", Operator.CONTAINS, "x"), false),
                // text that is a number: BETWEEN compares numerically (stars)
                arguments(c("classification_value", Operator.BETWEEN, "3", ""), true),
                arguments(c("classification_value", Operator.BETWEEN, "4", ""), false),
                arguments(c("classification_value", Operator.BETWEEN, "", "3"), true),
                // choice (type) and custom choice
                arguments(c("type", Operator.EQUALS, "hotel"), true),
                arguments(c("type", Operator.ONE_OF, "CAMPSITE", "RENTAL"), false),
                arguments(c("type", Operator.NOT_EQUALS, "CAMPSITE"), true),
                arguments(c("custom.level", Operator.EQUALS, "GOLD"), true),
                arguments(c("custom.level", Operator.ONE_OF, "silver"), false),
                // numbers compare numerically
                arguments(c("capacity_rooms", Operator.EQUALS, "24.0"), true),
                arguments(c("capacity_rooms", Operator.EQUALS, "2"), false),
                arguments(c("capacity_rooms", Operator.NOT_EQUALS, "25"), true),
                arguments(c("capacity_rooms", Operator.ONE_OF, "10", "24"), true),
                arguments(c("capacity_rooms", Operator.BETWEEN, "10", "24"), true),
                arguments(c("capacity_rooms", Operator.BETWEEN, "25", ""), false),
                arguments(c("capacity_rooms", Operator.BETWEEN, "", "23"), false),
                arguments(c("capacity_rooms", Operator.BETWEEN, "", ""), true),
                arguments(c("capacity_rooms", Operator.EQUALS, "abc"), false),
                arguments(c("capacity_pitches", Operator.ABSENT), true),
                arguments(c("capacity_pitches", Operator.BETWEEN, "0", ""), false),
                arguments(c("custom.pages", Operator.BETWEEN, "2", "3"), true),
                arguments(c("custom.pages", Operator.EQUALS, "2.50"), true),
                arguments(c("member_seasons", Operator.BETWEEN, "2", ""), true),
                arguments(c("member_seasons", Operator.BETWEEN, "3", ""), false),
                arguments(c("member_last_season", Operator.EQUALS, "2025"), true),
                arguments(c("member_last_season", Operator.EQUALS, "2026"), false),
                // booleans
                arguments(c("main", Operator.EQUALS, "true"), true),
                arguments(c("main", Operator.EQUALS, "FALSE"), false),
                arguments(c("custom.partner", Operator.EQUALS, "true"), true),
                arguments(c("custom.partner", Operator.NOT_EQUALS, "true"), false),
                arguments(c("custom.missing", Operator.EQUALS, "true"), false),
                arguments(c("custom.missing", Operator.ABSENT), true),
                // dates
                arguments(c("custom.opened", Operator.EQUALS, "1999-06-01"), true),
                arguments(c("custom.opened", Operator.BETWEEN, "1999-01-01", "1999-12-31"), true),
                arguments(c("custom.opened", Operator.BETWEEN, "2000-01-01", ""), false),
                arguments(c("custom.opened", Operator.ONE_OF, "2000-01-01"), false),
                // derived SIREN
                arguments(c("siren", Operator.EQUALS, "732829320"), true));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("conditions")
    void evaluatesEachOperator(Condition condition, boolean expected) {
        assertThat(Criteria.matches(condition, HOTEL)).isEqualTo(expected);
        // and reads back the same from its JSON form
        assertThat(Criteria.matches(Criteria.fromJson(Criteria.toJson(condition)), HOTEL)).isEqualTo(expected);
    }

    @Test
    void emptyAllMatchesEveryoneAndEmptyAnyNoOne() {
        assertThat(Criteria.matches(Criterion.everyone(), HOTEL)).isTrue();
        assertThat(Criteria.matches(new Group(Junction.ANY, List.of()), HOTEL)).isFalse();
    }

    @Test
    void nestedGroups() {
        Criterion threeStarHotelsOrPartners = new Group(Junction.ANY, List.of(
                new Group(Junction.ALL, List.of(c("type", Operator.EQUALS, "HOTEL"),
                        c("classification_value", Operator.BETWEEN, "4", ""))),
                c("custom.partner", Operator.EQUALS, "true")));
        assertThat(Criteria.matches(threeStarHotelsOrPartners, HOTEL)).isTrue();
        Criterion noPartner = new Group(Junction.ALL, List.of(c("type", Operator.EQUALS, "HOTEL"),
                c("custom.partner", Operator.EQUALS, "false")));
        assertThat(Criteria.matches(noPartner, HOTEL)).isFalse();
    }

    @Test
    void jsonRoundTripKeepsTheTreeAndItsDocumentedShape() {
        Criterion tree = new Group(Junction.ALL, List.of(c("capacity_rooms", Operator.BETWEEN, "10", ""),
                new Group(Junction.ANY, List.of(c("custom.partner", Operator.PRESENT), c("city", Operator.ONE_OF, "A", "B")))));
        String json = Criteria.toJson(tree);
        assertThat(json).isEqualTo("{\"all\":[{\"field\":\"capacity_rooms\",\"op\":\"BETWEEN\",\"values\":[\"10\",\"\"]},"
                + "{\"any\":[{\"field\":\"custom.partner\",\"op\":\"PRESENT\",\"values\":[]},"
                + "{\"field\":\"city\",\"op\":\"ONE_OF\",\"values\":[\"A\",\"B\"]}]}]}");
        assertThat(Criteria.fromJson(json)).isEqualTo(tree);
    }

    @Test
    void refusesJsonThatIsNotACriterion() {
        for (String bad : List.of("", "[]", "{\"all\":3}", "{\"field\":\"x\",\"op\":\"LIKE\"}", "{\"field\":\"x\"}", "nope")) {
            assertThatThrownBy(() -> Criteria.fromJson(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    static final List<DirectoryField> FIELDS = List.of(
            new DirectoryField("name", FieldType.TEXT, false, Map.of(Language.EN, "Name"), List.of()),
            new DirectoryField("capacity_rooms", FieldType.NUMBER, false, Map.of(), List.of()),
            new DirectoryField("main", FieldType.BOOLEAN, false, Map.of(), List.of()),
            new DirectoryField("type", FieldType.CHOICE, false, Map.of(),
                    List.of(new DirectoryField.Choice("HOTEL", Map.of()), new DirectoryField.Choice("CAMPSITE", Map.of()))),
            new DirectoryField("custom.opened", FieldType.DATE, true, Map.of(), List.of()));

    static Stream<Arguments> problems() {
        return Stream.of(
                arguments(c("nope", Operator.EQUALS, "x"), "directory.criteria.unknownField"),
                arguments(c("main", Operator.CONTAINS, "x"), "directory.criteria.operator"),
                arguments(c("type", Operator.BETWEEN, "1", "2"), "directory.criteria.operator"),
                arguments(c("capacity_rooms", Operator.CONTAINS, "1"), "directory.criteria.operator"),
                arguments(c("capacity_rooms", Operator.EQUALS, "abc"), "directory.criteria.notNumber"),
                arguments(c("capacity_rooms", Operator.BETWEEN, "10", "x"), "directory.criteria.notNumber"),
                arguments(c("capacity_rooms", Operator.BETWEEN, "10", "5"), "directory.criteria.reversed"),
                arguments(c("capacity_rooms", Operator.BETWEEN, "", ""), "directory.criteria.bounds"),
                arguments(c("capacity_rooms", Operator.EQUALS), "directory.criteria.oneValue"),
                arguments(c("name", Operator.ONE_OF, "", " "), "directory.criteria.someValue"),
                arguments(c("main", Operator.EQUALS, "yes"), "directory.criteria.notBoolean"),
                arguments(c("type", Operator.EQUALS, "CASTLE"), "directory.criteria.notChoice"),
                arguments(c("custom.opened", Operator.BETWEEN, "2020-13-01", ""), "directory.criteria.notDate"),
                arguments(c("name", Operator.BETWEEN, "a", ""), "directory.criteria.notNumber"));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("problems")
    void reportsProblems(Condition condition, String messageKey) {
        Criterion tree = new Group(Junction.ALL, List.of(c("name", Operator.PRESENT),
                new Group(Junction.ANY, List.of(condition))));
        assertThat(Criteria.check(tree, FIELDS)).singleElement().satisfies(p -> {
            assertThat(p.messageKey()).isEqualTo(messageKey);
            assertThat(p.field()).isEqualTo("1.0");
        });
        assertThat(Criteria.problems(tree, FIELDS)).hasSize(1);
    }

    @Test
    void soundCriteriaHaveNoProblems() {
        Criterion tree = new Group(Junction.ANY, List.of(c("type", Operator.ONE_OF, "hotel", "CAMPSITE"),
                c("capacity_rooms", Operator.BETWEEN, "10", ""), c("main", Operator.EQUALS, "false"),
                c("custom.opened", Operator.BETWEEN, "", "2020-01-01"), c("name", Operator.CONTAINS, "mer"),
                c("name", Operator.ABSENT)));
        assertThat(Criteria.problems(tree, FIELDS)).isEmpty();
    }
}
