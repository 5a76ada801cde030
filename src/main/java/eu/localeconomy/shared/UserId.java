package eu.localeconomy.shared;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/** Identifier of a user account. */
public record UserId(UUID value) implements Serializable {

    public UserId {
        Objects.requireNonNull(value, "user id");
    }

    public static UserId of(String value) {
        return new UserId(UUID.fromString(value));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
