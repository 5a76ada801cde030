package eu.localeconomy.directory;

import java.util.List;

/**
 * Evaluates and (de)serialises criteria. One evaluation in memory over loaded establishments serves segments, price
 * rule conditions and range assignment alike, so a prospect's segment and price can never disagree.
 */
public final class Criteria {

    private Criteria() {
    }

    public static boolean matches(Criterion criterion, Establishment establishment) {
        throw new UnsupportedOperationException("directory helper");
    }

    /** Problems with a criterion against the tenant's fields (unknown field, operator not for its type, bad value). */
    public static List<String> problems(Criterion criterion, List<DirectoryField> fields) {
        throw new UnsupportedOperationException("directory helper");
    }

    public static String toJson(Criterion criterion) {
        throw new UnsupportedOperationException("directory helper");
    }

    public static Criterion fromJson(String json) {
        throw new UnsupportedOperationException("directory helper");
    }
}
