package eu.localeconomy.directory;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * What the office (or an import) says about an establishment. {@code organisation} is the owner organisation
 * (null when unknown); {@code main} false marks a secondary establishment of that organisation. Identifiers are
 * stored normalised (SIRET 14 digits, VAT number upper-case without spaces) and validated by the services that
 * accept them (identifier.Siret, identifier.FrenchVatNumber).
 */
public record EstablishmentDetails(
        OrganisationId organisation, boolean main,
        String name, String legalName, String siret, String vatNumber,
        EstablishmentType type, String classificationScheme, String classificationValue,
        Integer capacityPersons, Integer capacityRooms, Integer capacityPitches,
        String contactName, String email, String phone, String website, List<Contact> contacts,
        String street, String postcode, String city, String country,
        BigDecimal latitude, BigDecimal longitude,
        Map<String, Object> custom) {

    /** A further means of contact: kind PHONE, EMAIL, WEBSITE, FAX or OTHER, an optional label, the value. */
    public record Contact(String kind, String label, String value) {
    }
}
