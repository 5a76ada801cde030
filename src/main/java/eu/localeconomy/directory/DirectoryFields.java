package eu.localeconomy.directory;

import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantId;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tenant's field catalogue: standard fields then custom fields ({@code custom.<key>}), and reading a field's
 * value from an establishment.
 */
@Service
public class DirectoryFields {

    /** Prefix of custom fields' keys. */
    public static final String CUSTOM = "custom.";

    /** Standard fields and their types, in the order they are offered. */
    static final Map<String, FieldType> STANDARD = standard();

    private final CustomFields customFields;
    private final MessageSource messages;

    DirectoryFields(CustomFields customFields, MessageSource messages) {
        this.customFields = customFields;
        this.messages = messages;
    }

    private static Map<String, FieldType> standard() {
        Map<String, FieldType> m = new LinkedHashMap<>();
        m.put("name", FieldType.TEXT);
        m.put("type", FieldType.CHOICE);
        m.put("classification_scheme", FieldType.TEXT);
        m.put("classification_value", FieldType.TEXT);
        m.put("capacity_persons", FieldType.NUMBER);
        m.put("capacity_rooms", FieldType.NUMBER);
        m.put("capacity_pitches", FieldType.NUMBER);
        m.put("member_seasons", FieldType.NUMBER);
        m.put("member_last_season", FieldType.NUMBER);
        m.put("main", FieldType.BOOLEAN);
        m.put("legal_name", FieldType.TEXT);
        m.put("siren", FieldType.TEXT);
        m.put("siret", FieldType.TEXT);
        m.put("vat_number", FieldType.TEXT);
        m.put("contact_name", FieldType.TEXT);
        m.put("email", FieldType.TEXT);
        m.put("phone", FieldType.TEXT);
        m.put("website", FieldType.TEXT);
        m.put("street", FieldType.TEXT);
        m.put("postcode", FieldType.TEXT);
        m.put("city", FieldType.TEXT);
        m.put("country", FieldType.TEXT);
        return java.util.Collections.unmodifiableMap(m);
    }

    /** Standard fields (labels from the directory bundle, in every screen language), then the tenant's custom ones. */
    public List<DirectoryField> of(TenantId tenant) {
        List<DirectoryField> out = new ArrayList<>(standardFields());
        for (CustomField f : customFields.of(tenant)) {
            out.add(new DirectoryField(CUSTOM + f.key(), f.type(), true, f.labels(), f.choices()));
        }
        return out;
    }

    List<DirectoryField> standardFields() {
        List<DirectoryField> out = new ArrayList<>();
        STANDARD.forEach((key, type) -> {
            List<DirectoryField.Choice> choices = key.equals("type")
                    ? Arrays.stream(EstablishmentType.values())
                            .map(t -> new DirectoryField.Choice(t.name(), labels("directory.type." + t.name())))
                            .toList()
                    : List.of();
            out.add(new DirectoryField(key, type, false, labels("directory.field." + key), choices));
        });
        return out;
    }

    private Map<Language, String> labels(String code) {
        Map<Language, String> labels = new EnumMap<>(Language.class);
        for (Language l : Language.EVERY_SCREEN) {
            labels.put(l, messages.getMessage(code, null, code, l.locale()));
        }
        return Map.copyOf(labels);
    }

    /**
     * The value of a field: String, BigDecimal (numbers, capacities, member_seasons = number of seasons), Boolean
     * (main), LocalDate, or null when absent. Standard keys: name, legal_name, siren, siret, vat_number, type,
     * classification_scheme, classification_value, capacity_persons, capacity_rooms, capacity_pitches,
     * contact_name, email, phone, website, street, postcode, city, country, main, member_seasons,
     * member_last_season (the latest season it was a member, absent if never). The SIREN is read from the SIRET,
     * else from the VAT number.
     */
    public static Object valueOf(Establishment establishment, String key) {
        EstablishmentDetails d = establishment.details();
        if (key == null) {
            return null;
        }
        if (key.startsWith(CUSTOM)) {
            return d.custom() == null ? null : d.custom().get(key.substring(CUSTOM.length()));
        }
        return switch (key) {
            case "name" -> d.name();
            case "legal_name" -> d.legalName();
            case "siren" -> d.siret() != null && d.siret().length() >= 9 ? d.siret().substring(0, 9)
                    : d.vatNumber() != null && d.vatNumber().length() == 13 ? d.vatNumber().substring(4) : null;
            case "siret" -> d.siret();
            case "vat_number" -> d.vatNumber();
            case "type" -> d.type() == null ? null : d.type().name();
            case "classification_scheme" -> d.classificationScheme();
            case "classification_value" -> d.classificationValue();
            case "capacity_persons" -> number(d.capacityPersons());
            case "capacity_rooms" -> number(d.capacityRooms());
            case "capacity_pitches" -> number(d.capacityPitches());
            case "contact_name" -> d.contactName();
            case "email" -> d.email();
            case "phone" -> d.phone();
            case "website" -> d.website();
            case "street" -> d.street();
            case "postcode" -> d.postcode();
            case "city" -> d.city();
            case "country" -> d.country();
            case "main" -> d.main();
            case "member_seasons" -> BigDecimal.valueOf(establishment.memberSeasons() == null ? 0
                    : establishment.memberSeasons().size());
            case "member_last_season" -> establishment.memberSeasons() == null || establishment.memberSeasons().isEmpty()
                    ? null : BigDecimal.valueOf(establishment.memberSeasons().last());
            default -> null;
        };
    }

    private static BigDecimal number(Integer n) {
        return n == null ? null : BigDecimal.valueOf(n);
    }
}
