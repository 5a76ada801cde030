package eu.localeconomy.membership.sync;

/**
 * One row of a mapping profile: the feed field (or CSV column header) {@code source}, the target (a directory
 * standard key, {@code custom.<key>}, or a MULTI pseudo-target), the transform and its options.
 */
public record FieldMapping(String source, String target, Transform transform, String options) {

    public FieldMapping {
        options = options == null ? "" : options;
    }
}
