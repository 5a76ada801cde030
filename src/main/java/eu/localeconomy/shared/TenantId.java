package eu.localeconomy.shared;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/** Identifier of a tenant (an organisation using the platform). Passed explicitly to every tenant-owned query. */
public record TenantId(UUID value) implements Serializable {

    public TenantId {
        Objects.requireNonNull(value, "tenant id");
    }

    public static TenantId of(String value) {
        return new TenantId(UUID.fromString(value));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
