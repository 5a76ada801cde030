package eu.localeconomy.directory;

import java.util.Objects;
import java.util.UUID;

public record OrganisationId(UUID value) {
    public OrganisationId {
        Objects.requireNonNull(value, "value");
    }

    public static OrganisationId of(String text) {
        return new OrganisationId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
