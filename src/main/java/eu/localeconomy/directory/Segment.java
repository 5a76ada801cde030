package eu.localeconomy.directory;

/** A saved search: a name and its criteria. */
public record Segment(SegmentId id, String name, Criterion criterion) {
}
