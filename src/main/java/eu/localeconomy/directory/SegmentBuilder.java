package eu.localeconomy.directory;

import eu.localeconomy.directory.Criterion.Condition;
import eu.localeconomy.directory.Criterion.Group;
import eu.localeconomy.directory.Criterion.Junction;
import eu.localeconomy.directory.Criterion.Operator;
import org.springframework.util.MultiValueMap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The segment builder's form: a top group (ALL/ANY) of conditions and sub-groups of conditions, as posted field by
 * field ({@code c0.field}, {@code c0.op}, {@code c0.v}, {@code c0.v2}, {@code g1.junction}, {@code g1.c0.field}…),
 * with the structural buttons ({@code action=add}, {@code addGroup}, {@code add:g1}, {@code remove:g1.c0},
 * {@code removeGroup:g1}). Holes left by removed rows are simply skipped.
 */
final class SegmentBuilder {

    /** More rows than any segment needs; beyond them the add buttons add nothing. */
    static final int MAX_ROWS = 30;

    record Row(String field, Operator operator, List<String> values) {
    }

    record SubGroup(Junction junction, List<Row> rows) {
    }

    final Junction junction;
    final List<Row> rows;
    final List<SubGroup> groups;

    SegmentBuilder(Junction junction, List<Row> rows, List<SubGroup> groups) {
        this.junction = junction;
        this.rows = rows;
        this.groups = groups;
    }

    static SegmentBuilder parse(MultiValueMap<String, String> params, Map<String, DirectoryField> fields) {
        List<Row> rows = rows(params, "", fields);
        List<SubGroup> groups = new ArrayList<>();
        for (int k = 0; k < MAX_ROWS; k++) {
            String junction = params.getFirst("g" + k + ".junction");
            if (junction != null) {
                groups.add(new SubGroup(junction(junction), rows(params, "g" + k + ".", fields)));
            }
        }
        return new SegmentBuilder(junction(params.getFirst("junction")), rows, groups);
    }

    private static List<Row> rows(MultiValueMap<String, String> params, String prefix, Map<String, DirectoryField> fields) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < MAX_ROWS; i++) {
            String p = prefix + "c" + i + ".";
            String field = params.getFirst(p + "field");
            if (field == null) {
                continue;
            }
            DirectoryField f = fields.get(field);
            if (f == null) {
                field = "name";
                f = fields.get(field);
            }
            List<Operator> allowed = Criteria.operatorsFor(f.type());
            Operator op = operator(params.getFirst(p + "op"));
            String was = params.getFirst(p + "was");
            if (was != null && !was.equals(field)) {
                // another field was chosen: start from its first comparison and a value of its kind
                rows.add(new Row(field, allowed.getFirst(), defaults(f)));
                continue;
            }
            if (op == null || !allowed.contains(op)) {
                op = allowed.getFirst();
            }
            List<String> values = switch (op) {
                case PRESENT, ABSENT -> List.of();
                case BETWEEN -> List.of(nz(params.getFirst(p + "v")), nz(params.getFirst(p + "v2")));
                case ONE_OF -> {
                    List<String> many = params.getOrDefault(p + "vs", List.of());
                    yield many.isEmpty()
                            ? Arrays.stream(nz(params.getFirst(p + "v")).split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList()
                            : many.stream().filter(s -> s != null && !s.isBlank()).toList();
                }
                default -> List.of(nz(params.getFirst(p + "v")));
            };
            rows.add(new Row(field, op, values.stream().map(v -> v.length() > 300 ? v.substring(0, 300) : v).toList()));
        }
        return rows;
    }

    /** What a new condition on this field holds: a value its select offers, else nothing yet. */
    static List<String> defaults(DirectoryField f) {
        return switch (f.type()) {
            case BOOLEAN -> List.of("true");
            case CHOICE -> f.choices().isEmpty() ? List.of("") : List.of(f.choices().getFirst().code());
            default -> List.of("");
        };
    }

    static SegmentBuilder of(Criterion criterion) {
        if (!(criterion instanceof Group top)) {
            return new SegmentBuilder(Junction.ALL, List.of(row((Condition) criterion)), List.of());
        }
        List<Row> rows = new ArrayList<>();
        List<SubGroup> groups = new ArrayList<>();
        for (Criterion item : top.items()) {
            switch (item) {
                case Condition c -> rows.add(row(c));
                case Group g -> groups.add(new SubGroup(g.junction(), g.items().stream()
                        .filter(Condition.class::isInstance).map(c -> row((Condition) c)).toList()));
            }
        }
        return new SegmentBuilder(top.junction(), rows, groups);
    }

    /** Whether the builder can show this criterion whole (one level of sub-groups). */
    static boolean editable(Criterion criterion) {
        return !(criterion instanceof Group top) || top.items().stream().allMatch(i -> i instanceof Condition
                || i instanceof Group g && g.items().stream().allMatch(Condition.class::isInstance));
    }

    private static Row row(Condition c) {
        return new Row(c.field(), c.operator(), c.values());
    }

    /** Applies a structural button. */
    SegmentBuilder apply(String action) {
        if (action == null) {
            return this;
        }
        List<Row> r = new ArrayList<>(rows);
        List<SubGroup> g = new ArrayList<>(groups);
        Row fresh = new Row("type", Operator.EQUALS, List.of("HOTEL"));
        if (action.equals("add") && r.size() < MAX_ROWS) {
            r.add(fresh);
        } else if (action.equals("addGroup") && g.size() < MAX_ROWS) {
            g.add(new SubGroup(Junction.ANY, List.of(fresh)));
        } else if (action.startsWith("add:g")) {
            int k = index(action.substring(5));
            if (k >= 0 && k < g.size() && g.get(k).rows().size() < MAX_ROWS) {
                List<Row> sub = new ArrayList<>(g.get(k).rows());
                sub.add(fresh);
                g.set(k, new SubGroup(g.get(k).junction(), sub));
            }
        } else if (action.startsWith("removeGroup:g")) {
            int k = index(action.substring(13));
            if (k >= 0 && k < g.size()) {
                g.remove(k);
            }
        } else if (action.startsWith("remove:g")) {
            String[] parts = action.substring(8).split("\\.c");
            int k = parts.length == 2 ? index(parts[0]) : -1;
            int i = parts.length == 2 ? index(parts[1]) : -1;
            if (k >= 0 && k < g.size() && i >= 0 && i < g.get(k).rows().size()) {
                List<Row> sub = new ArrayList<>(g.get(k).rows());
                sub.remove(i);
                g.set(k, new SubGroup(g.get(k).junction(), sub));
            }
        } else if (action.startsWith("remove:c")) {
            int i = index(action.substring(8));
            if (i >= 0 && i < r.size()) {
                r.remove(i);
            }
        }
        return new SegmentBuilder(junction, r, g);
    }

    /** The criterion: the top group's conditions, then its sub-groups (the path of row i is "i", of g k row i "n+k.i"). */
    Criterion criterion() {
        List<Criterion> items = new ArrayList<>();
        rows.forEach(r -> items.add(new Condition(r.field(), r.operator(), r.values())));
        groups.forEach(g -> items.add(new Group(g.junction(), g.rows().stream()
                .map(r -> (Criterion) new Condition(r.field(), r.operator(), r.values())).toList())));
        return new Group(junction, items);
    }

    /** Problems by the form prefix of their row ({@code c0.}, {@code g1.c0.}). */
    Map<String, List<DirectoryValidationException.Problem>> problemsByRow(List<DirectoryValidationException.Problem> problems) {
        return problems.stream().collect(Collectors.groupingBy(p -> prefix(p.field())));
    }

    private String prefix(String path) {
        String[] parts = path.split("\\.");
        int top = index(parts[0]);
        if (top < rows.size()) {
            return "c" + top + ".";
        }
        return "g" + (top - rows.size()) + ".c" + (parts.length > 1 ? parts[1] : "0") + ".";
    }

    private static int index(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Junction junction(String s) {
        return "ANY".equals(s) ? Junction.ANY : Junction.ALL;
    }

    private static Operator operator(String s) {
        try {
            return s == null ? null : Operator.valueOf(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s.strip();
    }
}
