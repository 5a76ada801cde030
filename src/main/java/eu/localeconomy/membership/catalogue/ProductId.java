package eu.localeconomy.membership.catalogue;

import java.util.Objects;
import java.util.UUID;

public record ProductId(UUID value) {
    public ProductId {
        Objects.requireNonNull(value, "value");
    }

    public static ProductId of(String text) {
        return new ProductId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
