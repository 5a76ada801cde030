package eu.localeconomy.directory;

import java.util.Objects;
import java.util.UUID;

public record EstablishmentId(UUID value) {
    public EstablishmentId {
        Objects.requireNonNull(value, "value");
    }

    public static EstablishmentId of(String text) {
        return new EstablishmentId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
