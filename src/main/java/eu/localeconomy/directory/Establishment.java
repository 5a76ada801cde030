package eu.localeconomy.directory;

import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * An establishment as the directory holds it. {@code custom} maps a custom field's key to its value (String, a
 * BigDecimal for numbers, Boolean, a choice's code, or a LocalDate); {@code memberSeasons} are the seasons it was a
 * member. Values are read through {@link DirectoryFields#valueOf} everywhere a field is named by key.
 */
public record Establishment(EstablishmentId id, int version, EstablishmentDetails details,
                            SortedSet<Integer> memberSeasons, List<ExternalRef> externalRefs, boolean archived) {

    public String name() {
        return details.name();
    }

    public EstablishmentType type() {
        return details.type();
    }

    public boolean main() {
        return details.main();
    }

    public Map<String, Object> custom() {
        return details.custom();
    }
}
