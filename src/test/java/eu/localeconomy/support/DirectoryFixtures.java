package eu.localeconomy.support;

import eu.localeconomy.directory.Criterion;
import eu.localeconomy.directory.CustomField;
import eu.localeconomy.directory.CustomFields;
import eu.localeconomy.directory.DirectoryField;
import eu.localeconomy.directory.EstablishmentDetails;
import eu.localeconomy.directory.EstablishmentId;
import eu.localeconomy.directory.EstablishmentType;
import eu.localeconomy.directory.Establishments;
import eu.localeconomy.directory.FieldType;
import eu.localeconomy.directory.OrganisationId;
import eu.localeconomy.directory.SegmentId;
import eu.localeconomy.directory.Segments;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantId;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Directory data for tests, created through the directory's public API.
 *
 * <pre>{@code
 * EstablishmentId hotel = directory.establishment(tenant, "Hôtel des Falaises")
 *         .type(EstablishmentType.HOTEL).stars(3).rooms(24).persons(50)
 *         .email("pro@hotel.test").memberIn(2025, 2026)
 *         .mainOf(DirectoryFixtures.SIREN, "SARL Les Falaises")
 *         .custom("partner", true).create();
 * directory.customField(tenant, "partner", FieldType.BOOLEAN, "Partner");
 * directory.customField(tenant, "level", FieldType.CHOICE, "Level", "gold", "silver");
 * SegmentId big = directory.segment(tenant, "Big hotels",
 *         DirectoryFixtures.all(DirectoryFixtures.is("type", "HOTEL"), DirectoryFixtures.atLeast("capacity_rooms", 20)));
 * }</pre>
 * Define custom fields before giving establishments values for them.
 */
@Component
public class DirectoryFixtures {

    /** Valid French numbers of one company (reference vectors): SIREN, a SIRET of it, its VAT number. */
    public static final String SIREN = "732829320";
    public static final String SIRET = "73282932000074";
    public static final String VAT = "FR44732829320";
    /** Another valid company. */
    public static final String OTHER_SIREN = "404833048";
    public static final String OTHER_VAT = "FR83404833048";

    private final Establishments establishments;
    private final CustomFields customFields;
    private final Segments segments;

    DirectoryFixtures(Establishments establishments, CustomFields customFields, Segments segments) {
        this.establishments = establishments;
        this.customFields = customFields;
        this.segments = segments;
    }

    /** A builder for an establishment (a hotel in Étretat unless told otherwise); call {@code create()}. */
    public Builder establishment(TenantId tenant, String name) {
        return new Builder(tenant, name);
    }

    /** Defines a custom field with the same label in every language; choice codes for CHOICE fields. */
    public void customField(TenantId tenant, String key, FieldType type, String label, String... choiceCodes) {
        Map<Language, String> labels = Map.of(Language.NL, label, Language.FR, label, Language.EN, label);
        List<DirectoryField.Choice> choices = Arrays.stream(choiceCodes)
                .map(c -> new DirectoryField.Choice(c, Map.of(Language.NL, c, Language.FR, c, Language.EN, c)))
                .toList();
        customFields.define(tenant, new CustomField(key, type, labels, choices, 0), Actor.SYSTEM);
    }

    public SegmentId segment(TenantId tenant, String name, Criterion criterion) {
        return segments.save(tenant, null, name, criterion, Actor.SYSTEM);
    }

    // ---- criteria shorthands -------------------------------------------------------------------------------

    public static Criterion all(Criterion... items) {
        return new Criterion.Group(Criterion.Junction.ALL, List.of(items));
    }

    public static Criterion any(Criterion... items) {
        return new Criterion.Group(Criterion.Junction.ANY, List.of(items));
    }

    public static Criterion.Condition condition(String field, Criterion.Operator op, String... values) {
        return new Criterion.Condition(field, op, List.of(values));
    }

    public static Criterion.Condition is(String field, String value) {
        return condition(field, Criterion.Operator.EQUALS, value);
    }

    public static Criterion.Condition atLeast(String field, long min) {
        return condition(field, Criterion.Operator.BETWEEN, String.valueOf(min), "");
    }

    /** A valid minimal details record (for tests that call Establishments directly). */
    public static EstablishmentDetails details(String name, EstablishmentType type) {
        return new EstablishmentDetails(null, true, name, null, null, null, type, null, null, null, null, null,
                null, null, null, null, List.of(), null, "76790", "Étretat", "FR", null, null, Map.of());
    }

    public final class Builder {
        private final TenantId tenant;
        private final String name;
        private EstablishmentType type = EstablishmentType.HOTEL;
        private String scheme;
        private String classification;
        private Integer persons;
        private Integer rooms;
        private Integer pitches;
        private String email;
        private String city = "Étretat";
        private String postcode = "76790";
        private String siret;
        private String vat;
        private String legalName;
        private OrganisationId organisation;
        private boolean main = true;
        private String siren;
        private String organisationName;
        private final Map<String, Object> custom = new LinkedHashMap<>();
        private final List<Integer> seasons = new ArrayList<>();

        private Builder(TenantId tenant, String name) {
            this.tenant = tenant;
            this.name = name;
        }

        public Builder type(EstablishmentType type) {
            this.type = type;
            return this;
        }

        /** Classification in a scheme, e.g. ("GITES_DE_FRANCE", "3"). */
        public Builder classification(String scheme, String value) {
            this.scheme = scheme;
            this.classification = value;
            return this;
        }

        /** Prefectoral stars. */
        public Builder stars(int stars) {
            return classification("PREFECTORAL", String.valueOf(stars));
        }

        public Builder persons(int persons) {
            this.persons = persons;
            return this;
        }

        public Builder rooms(int rooms) {
            this.rooms = rooms;
            return this;
        }

        public Builder pitches(int pitches) {
            this.pitches = pitches;
            return this;
        }

        public Builder email(String email) {
            this.email = email;
            return this;
        }

        public Builder city(String postcode, String city) {
            this.postcode = postcode;
            this.city = city;
            return this;
        }

        public Builder siret(String siret) {
            this.siret = siret;
            return this;
        }

        public Builder vat(String vat) {
            this.vat = vat;
            return this;
        }

        public Builder legalName(String legalName) {
            this.legalName = legalName;
            return this;
        }

        /** Main establishment of the organisation of this SIREN (found or created). */
        public Builder mainOf(String siren, String organisationName) {
            this.siren = siren;
            this.organisationName = organisationName;
            this.main = true;
            return this;
        }

        /** Secondary establishment of the organisation of this SIREN (found or created). */
        public Builder secondaryOf(String siren, String organisationName) {
            mainOf(siren, organisationName);
            this.main = false;
            return this;
        }

        public Builder organisation(OrganisationId organisation, boolean main) {
            this.organisation = organisation;
            this.main = main;
            return this;
        }

        /** A custom value: String, Boolean, a number, a LocalDate or a choice code. */
        public Builder custom(String key, Object value) {
            custom.put(key, value instanceof Integer || value instanceof Long ? new BigDecimal(value.toString())
                    : value instanceof LocalDate d ? d : value);
            return this;
        }

        /** Seasons it was a member (source IMPORT). */
        public Builder memberIn(int... seasons) {
            for (int s : seasons) {
                this.seasons.add(s);
            }
            return this;
        }

        public EstablishmentDetails details() {
            OrganisationId org = organisation != null ? organisation
                    : siren != null ? establishments.organisation(tenant, siren, organisationName) : null;
            return new EstablishmentDetails(org, main, name, legalName, siret, vat, type, scheme, classification,
                    persons, rooms, pitches, null, email, null, null, List.of(), null, postcode, city, "FR", null, null,
                    custom);
        }

        public EstablishmentId create() {
            EstablishmentId id = establishments.create(tenant, details(), Actor.SYSTEM);
            for (int s : seasons) {
                establishments.recordMembership(tenant, id, s, "IMPORT", Actor.SYSTEM);
            }
            return id;
        }
    }
}
