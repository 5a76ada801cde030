package eu.localeconomy.directory;

import java.util.Objects;
import java.util.UUID;

public record SegmentId(UUID value) {
    public SegmentId {
        Objects.requireNonNull(value, "value");
    }

    public static SegmentId of(String text) {
        return new SegmentId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
