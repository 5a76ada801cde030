package eu.localeconomy.membership.catalogue;

import java.util.Objects;
import java.util.UUID;

public record RangeId(UUID value) {
    public RangeId {
        Objects.requireNonNull(value, "value");
    }

    public static RangeId of(String text) {
        return new RangeId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
