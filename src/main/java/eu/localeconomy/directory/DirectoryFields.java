package eu.localeconomy.directory;

import eu.localeconomy.shared.TenantId;
import org.springframework.stereotype.Service;

import java.util.List;

/**
 * The tenant's field catalogue: standard fields then custom fields ({@code custom.<key>}), and reading a field's
 * value from an establishment.
 */
@Service
public class DirectoryFields {

    public List<DirectoryField> of(TenantId tenant) {
        throw new UnsupportedOperationException("directory helper");
    }

    /**
     * The value of a field: String, BigDecimal (numbers, capacities, member_seasons = number of seasons), Boolean
     * (main), LocalDate, or null when absent. Standard keys: name, legal_name, siren, siret, vat_number, type,
     * classification_scheme, classification_value, capacity_persons, capacity_rooms, capacity_pitches,
     * contact_name, email, phone, website, street, postcode, city, country, main, member_seasons.
     */
    public static Object valueOf(Establishment establishment, String key) {
        throw new UnsupportedOperationException("directory helper");
    }
}
