package eu.localeconomy.directory;

import eu.localeconomy.directory.Criterion.Condition;
import eu.localeconomy.directory.Criterion.Group;
import eu.localeconomy.directory.Criterion.Junction;
import eu.localeconomy.directory.Criterion.Operator;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Evaluates and (de)serialises criteria. One evaluation in memory over loaded establishments serves segments, price
 * rule conditions and range assignment alike, so a prospect's segment and price can never disagree.
 *
 * <p>Values are compared by what {@link DirectoryFields#valueOf} returns: numbers numerically, dates as dates,
 * booleans as {@code true}/{@code false}, text ignoring case. BETWEEN on a text compares numerically when both are
 * numbers (a classification of "3" stars is between 3 and an open end). An absent value matches only ABSENT and
 * NOT_EQUALS.
 */
public final class Criteria {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    /** The operators that make sense for each type of field. */
    static final Map<FieldType, Set<Operator>> OPERATORS = Map.of(
            FieldType.TEXT, EnumSet.of(Operator.EQUALS, Operator.NOT_EQUALS, Operator.ONE_OF, Operator.CONTAINS,
                    Operator.BETWEEN, Operator.PRESENT, Operator.ABSENT),
            FieldType.NUMBER, EnumSet.of(Operator.EQUALS, Operator.NOT_EQUALS, Operator.ONE_OF, Operator.BETWEEN,
                    Operator.PRESENT, Operator.ABSENT),
            FieldType.BOOLEAN, EnumSet.of(Operator.EQUALS, Operator.NOT_EQUALS, Operator.PRESENT, Operator.ABSENT),
            FieldType.CHOICE, EnumSet.of(Operator.EQUALS, Operator.NOT_EQUALS, Operator.ONE_OF, Operator.PRESENT,
                    Operator.ABSENT),
            FieldType.DATE, EnumSet.of(Operator.EQUALS, Operator.NOT_EQUALS, Operator.ONE_OF, Operator.BETWEEN,
                    Operator.PRESENT, Operator.ABSENT));

    private Criteria() {
    }

    /** The operators offered for a type of field, in a stable order. */
    public static List<Operator> operatorsFor(FieldType type) {
        return List.copyOf(OPERATORS.get(type));
    }

    public static boolean matches(Criterion criterion, Establishment establishment) {
        return switch (criterion) {
            case Group g -> g.junction() == Junction.ALL
                    ? g.items().stream().allMatch(c -> matches(c, establishment))
                    : g.items().stream().anyMatch(c -> matches(c, establishment));
            case Condition c -> holds(c, DirectoryFields.valueOf(establishment, c.field()));
        };
    }

    static boolean holds(Condition c, Object value) {
        if (c.operator() == null) {
            return false;
        }
        boolean present = value != null && !(value instanceof String s && s.isBlank());
        return switch (c.operator()) {
            case PRESENT -> present;
            case ABSENT -> !present;
            case EQUALS -> present && !c.values().isEmpty() && same(value, c.values().getFirst());
            case NOT_EQUALS -> !present || c.values().isEmpty() || !same(value, c.values().getFirst());
            case ONE_OF -> present && c.values().stream().filter(v -> v != null && !v.isBlank())
                    .anyMatch(v -> same(value, v));
            case BETWEEN -> present && between(value, c.values());
            case CONTAINS -> present && !c.values().isEmpty() && c.values().getFirst() != null
                    && fold(value.toString()).contains(fold(c.values().getFirst()));
        };
    }

    private static boolean same(Object value, String wanted) {
        if (wanted == null) {
            return false;
        }
        return switch (value) {
            case BigDecimal n -> {
                BigDecimal w = number(wanted);
                yield w != null && n.compareTo(w) == 0;
            }
            case Boolean b -> wanted.trim().equalsIgnoreCase(b.toString());
            case LocalDate d -> d.equals(date(wanted));
            default -> value.toString().trim().equalsIgnoreCase(wanted.trim());
        };
    }

    private static boolean between(Object value, List<String> bounds) {
        String min = bounds.isEmpty() ? null : blankToNull(bounds.get(0));
        String max = bounds.size() < 2 ? null : blankToNull(bounds.get(1));
        if (min == null && max == null) {
            return true;
        }
        return switch (value) {
            case LocalDate d -> inRange(d, min, max, Criteria::date);
            case BigDecimal n -> inRange(n, min, max, Criteria::number);
            default -> {
                BigDecimal n = number(value.toString());
                yield n != null && inRange(n, min, max, Criteria::number);
            }
        };
    }

    private static <T extends Comparable<T>> boolean inRange(T value, String min, String max, Function<String, T> parse) {
        if (min != null) {
            T lo = parse.apply(min);
            if (lo == null || value.compareTo(lo) < 0) {
                return false;
            }
        }
        if (max != null) {
            T hi = parse.apply(max);
            return hi != null && value.compareTo(hi) <= 0;
        }
        return true;
    }

    /** Lower case without accents, for CONTAINS and free-text search. */
    static String fold(String text) {
        return MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("").toLowerCase(Locale.ROOT);
    }

    static BigDecimal number(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            String t = text.trim().replace(',', '.');
            if (t.length() > 40) {
                return null;
            }
            BigDecimal n = new BigDecimal(t);
            // bounded so that a typed "1e999999999" is refused rather than carried into arithmetic and pages
            return n.precision() - n.scale() > 18 || n.scale() > 10 ? null : n;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static LocalDate date(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** Problems with a criterion against the tenant's fields (unknown field, operator not for its type, bad value). */
    public static List<String> problems(Criterion criterion, List<DirectoryField> fields) {
        return check(criterion, fields).stream()
                .map(p -> "at " + p.field() + ": " + p.messageKey().substring(p.messageKey().lastIndexOf('.') + 1)
                        + (p.args().isEmpty() ? "" : " " + p.args()))
                .toList();
    }

    /**
     * The same problems as {@link #problems}, with message keys of the directory bundle for pages. A problem's
     * {@code field} is the path of the condition in the tree: indexes joined by dots ({@code 1.0} = first item of
     * the second item of the top group); its first argument is the field key.
     */
    public static List<DirectoryValidationException.Problem> check(Criterion criterion, List<DirectoryField> fields) {
        Map<String, DirectoryField> byKey = fields.stream()
                .collect(Collectors.toMap(DirectoryField::key, f -> f, (a, b) -> a));
        List<DirectoryValidationException.Problem> out = new ArrayList<>();
        check(criterion, byKey, "", out);
        return out;
    }

    private static void check(Criterion criterion, Map<String, DirectoryField> fields, String path,
                              List<DirectoryValidationException.Problem> out) {
        switch (criterion) {
            case Group g -> {
                for (int i = 0; i < g.items().size(); i++) {
                    check(g.items().get(i), fields, path.isEmpty() ? String.valueOf(i) : path + "." + i, out);
                }
            }
            case Condition c -> checkCondition(c, fields, path, out);
        }
    }

    private static void checkCondition(Condition c, Map<String, DirectoryField> fields, String path,
                                       List<DirectoryValidationException.Problem> out) {
        String key = c.field() == null ? "" : c.field();
        DirectoryField field = fields.get(key);
        if (field == null) {
            out.add(new DirectoryValidationException.Problem(path, "directory.criteria.unknownField", key));
            return;
        }
        if (c.operator() == null || !OPERATORS.get(field.type()).contains(c.operator())) {
            out.add(new DirectoryValidationException.Problem(path, "directory.criteria.operator", key));
            return;
        }
        List<String> values = c.values().stream().filter(v -> v != null && !v.isBlank()).toList();
        switch (c.operator()) {
            case PRESENT, ABSENT -> {
                return;
            }
            case EQUALS, NOT_EQUALS, CONTAINS -> {
                if (values.size() != 1) {
                    out.add(new DirectoryValidationException.Problem(path, "directory.criteria.oneValue", key));
                    return;
                }
            }
            case ONE_OF -> {
                if (values.isEmpty()) {
                    out.add(new DirectoryValidationException.Problem(path, "directory.criteria.someValue", key));
                    return;
                }
            }
            case BETWEEN -> {
                if (values.isEmpty() || c.values().size() > 2) {
                    out.add(new DirectoryValidationException.Problem(path, "directory.criteria.bounds", key));
                    return;
                }
            }
        }
        FieldType type = c.operator() == Operator.BETWEEN && field.type() == FieldType.TEXT
                ? FieldType.NUMBER : field.type();
        for (String v : values) {
            String bad = switch (type) {
                case NUMBER -> number(v) == null ? "directory.criteria.notNumber" : null;
                case DATE -> date(v) == null ? "directory.criteria.notDate" : null;
                case BOOLEAN -> v.trim().equalsIgnoreCase("true") || v.trim().equalsIgnoreCase("false")
                        ? null : "directory.criteria.notBoolean";
                case CHOICE -> field.choices().stream().anyMatch(ch -> ch.code().equalsIgnoreCase(v.trim()))
                        ? null : "directory.criteria.notChoice";
                case TEXT -> v.length() > 300 ? "directory.criteria.tooLong" : null;
            };
            if (bad != null) {
                out.add(new DirectoryValidationException.Problem(path, bad, key, v.length() > 40 ? v.substring(0, 40) : v));
                return;
            }
        }
        if (c.operator() == Operator.BETWEEN && values.size() == 2) {
            String min = c.values().get(0);
            String max = c.values().get(1);
            boolean reversed = type == FieldType.DATE ? date(min).isAfter(date(max)) : number(min).compareTo(number(max)) > 0;
            if (reversed) {
                out.add(new DirectoryValidationException.Problem(path, "directory.criteria.reversed", key));
            }
        }
    }

    public static String toJson(Criterion criterion) {
        return JSON.writeValueAsString(node(criterion));
    }

    private static JsonNode node(Criterion criterion) {
        return switch (criterion) {
            case Group g -> {
                ObjectNode o = JSON.createObjectNode();
                ArrayNode items = o.putArray(g.junction() == Junction.ALL ? "all" : "any");
                g.items().forEach(i -> items.add(node(i)));
                yield o;
            }
            case Condition c -> {
                ObjectNode o = JSON.createObjectNode();
                o.put("field", c.field());
                o.put("op", c.operator() == null ? null : c.operator().name());
                ArrayNode values = o.putArray("values");
                c.values().forEach(values::add);
                yield o;
            }
        };
    }

    /** Reads a criterion; IllegalArgumentException when the JSON is not one. */
    public static Criterion fromJson(String json) {
        try {
            return criterion(JSON.readTree(json), 0);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not a criterion: " + e.getOriginalMessage(), e);
        }
    }

    private static Criterion criterion(JsonNode node, int depth) {
        if (node == null || !node.isObject() || depth > 20) {
            throw new IllegalArgumentException("not a criterion");
        }
        for (Junction j : Junction.values()) {
            JsonNode items = node.get(j.name().toLowerCase(Locale.ROOT));
            if (items != null) {
                if (!items.isArray()) {
                    throw new IllegalArgumentException("group items must be an array");
                }
                List<Criterion> list = new ArrayList<>();
                items.forEach(i -> list.add(criterion(i, depth + 1)));
                return new Group(j, list);
            }
        }
        JsonNode field = node.get("field");
        JsonNode op = node.get("op");
        if (field == null || !field.isString() || op == null || !op.isString()) {
            throw new IllegalArgumentException("a condition needs a field and an op");
        }
        Operator operator;
        try {
            operator = Operator.valueOf(op.asString());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown operator " + op.asString(), e);
        }
        List<String> values = new ArrayList<>();
        JsonNode vs = node.get("values");
        if (vs != null && vs.isArray()) {
            vs.forEach(v -> values.add(v.isNull() ? "" : v.asString()));
        }
        return new Condition(field.asString(), operator, values);
    }
}
