package eu.localeconomy.directory;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The office's establishment form as typed. Custom values arrive as {@code cf_<key>} parameters (read by the
 * controller into {@code custom}) so that the binder never interprets a tenant's key as a property path.
 */
record EstablishmentForm(String version, String name, String legalName, String siret, String vatNumber, String type,
                         String classificationScheme, String classificationValue, String capacityPersons,
                         String capacityRooms, String capacityPitches, String contactName, String email, String phone,
                         String website, String street, String postcode, String city, String country, String latitude,
                         String longitude, String siren, String organisationName, Boolean main,
                         Map<String, String> custom) {

    static final String CUSTOM_PREFIX = "cf_";

    EstablishmentForm {
        custom = custom == null ? Map.of() : custom;
    }

    static EstablishmentForm empty() {
        return new EstablishmentForm("0", "", "", "", "", "HOTEL", "", "", "", "", "", "", "", "", "", "", "", "", "FR",
                "", "", "", "", true, Map.of());
    }

    static EstablishmentForm of(Establishment e, Organisation organisation) {
        EstablishmentDetails d = e.details();
        Map<String, String> custom = new LinkedHashMap<>();
        d.custom().forEach((k, v) -> custom.put(k, v instanceof BigDecimal n ? n.toPlainString() : String.valueOf(v)));
        return new EstablishmentForm(String.valueOf(e.version()), d.name(), s(d.legalName()), s(d.siret()),
                s(d.vatNumber()), d.type().name(), s(d.classificationScheme()), s(d.classificationValue()),
                s(d.capacityPersons()), s(d.capacityRooms()), s(d.capacityPitches()), s(d.contactName()), s(d.email()),
                s(d.phone()), s(d.website()), s(d.street()), s(d.postcode()), s(d.city()), s(d.country()),
                d.latitude() == null ? "" : d.latitude().toPlainString(),
                d.longitude() == null ? "" : d.longitude().toPlainString(),
                organisation == null || organisation.siren() == null ? "" : organisation.siren(),
                organisation == null ? "" : organisation.legalName(), d.main(), custom);
    }

    EstablishmentForm withCustom(Map<String, String> values) {
        return new EstablishmentForm(version, name, legalName, siret, vatNumber, type, classificationScheme,
                classificationValue, capacityPersons, capacityRooms, capacityPitches, contactName, email, phone,
                website, street, postcode, city, country, latitude, longitude, siren, organisationName, main, values);
    }

    EstablishmentForm withVersion(int v) {
        return new EstablishmentForm(String.valueOf(v), name, legalName, siret, vatNumber, type, classificationScheme,
                classificationValue, capacityPersons, capacityRooms, capacityPitches, contactName, email, phone,
                website, street, postcode, city, country, latitude, longitude, siren, organisationName, main, custom);
    }

    /** The form field a directory field key is shown in. */
    static String formField(String key) {
        return switch (key) {
            case "organisation", "siren" -> "siren";
            case "legal_name_organisation" -> "organisationName";
            default -> {
                StringBuilder out = new StringBuilder();
                boolean up = false;
                for (char c : key.toCharArray()) {
                    if (c == '_') {
                        up = true;
                    } else {
                        out.append(up ? Character.toUpperCase(c) : c);
                        up = false;
                    }
                }
                yield out.toString();
            }
        };
    }

    static final List<String> FIELDS = List.of("name", "legalName", "siret", "vatNumber", "type",
            "classificationScheme", "classificationValue", "capacityPersons", "capacityRooms", "capacityPitches",
            "contactName", "email", "phone", "website", "street", "postcode", "city", "country", "latitude",
            "longitude", "siren", "organisationName");

    private static String s(Object o) {
        return o == null ? "" : o.toString();
    }
}
