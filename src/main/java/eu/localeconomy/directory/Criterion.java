package eu.localeconomy.directory;

import java.util.List;

/**
 * A tree of conditions over directory fields: what a segment is, and when a price rule applies. Stored as JSON
 * ({@link Criteria#toJson}): a group is {@code {"all":[…]}} or {@code {"any":[…]}}, a condition
 * {@code {"field":"capacity_rooms","op":"BETWEEN","values":["10",""]}}.
 */
public sealed interface Criterion permits Criterion.Group, Criterion.Condition {

    enum Junction { ALL, ANY }

    /**
     * EQUALS / NOT_EQUALS one value; ONE_OF any of the values; BETWEEN [min, max] inclusive, either may be blank
     * for an open end (numbers and dates); PRESENT / ABSENT no values; CONTAINS a text, ignoring case and accents.
     * "Member for at least N seasons" is {@code member_seasons BETWEEN [N, ""]}.
     */
    enum Operator { EQUALS, NOT_EQUALS, ONE_OF, BETWEEN, PRESENT, ABSENT, CONTAINS }

    record Group(Junction junction, List<Criterion> items) implements Criterion {
        public Group {
            items = List.copyOf(items);
        }
    }

    record Condition(String field, Operator operator, List<String> values) implements Criterion {
        public Condition {
            values = values == null ? List.of() : List.copyOf(values);
        }
    }

    /** The criterion every establishment matches. */
    static Criterion everyone() {
        return new Group(Junction.ALL, List.of());
    }
}
