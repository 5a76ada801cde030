package eu.localeconomy.membership.sync;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

/**
 * A tenant's Tourinsoft set-up: the feed URL, the query that makes a read incremental ({@code {since}} is the
 * high-water mark, UTC, {@code yyyy-MM-ddTHH:mm:ss}) and the field mappings. The fixed fields ({@code SyndicObjectID},
 * {@code SyndicObjectName}, {@code Updated}, {@code GmapLatitude}/{@code GmapLongitude}) are always read.
 */
public record MappingProfile(String feedUrl, String incrementalQuery, List<FieldMapping> mappings) {

    public static final String DEFAULT_INCREMENTAL_QUERY = "$filter=Updated gt datetime'{since}'";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public MappingProfile {
        feedUrl = feedUrl == null ? "" : feedUrl.strip();
        incrementalQuery = incrementalQuery == null || incrementalQuery.isBlank()
                ? DEFAULT_INCREMENTAL_QUERY : incrementalQuery.strip();
        mappings = mappings == null ? List.of() : List.copyOf(mappings);
    }

    /** What a new tenant starts with: the usual fields of a Tourinsoft accommodation feed. */
    public static MappingProfile defaults() {
        return new MappingProfile("", DEFAULT_INCREMENTAL_QUERY, List.of(
                new FieldMapping("ObjectTypeName", "type", Transform.TYPE,
                        "Hôtellerie=HOTEL;Hôtel=HOTEL;Hôtellerie de plein air=CAMPSITE;Camping=CAMPSITE;"
                                + "Meublés=RENTAL;Meublé=RENTAL;Locations=RENTAL;Chambres d'hôtes=RENTAL;"
                                + "Hébergements collectifs=GROUP_LODGING;Hébergement collectif=GROUP_LODGING;"
                                + "Restauration=RESTAURANT;Restaurant=RESTAURANT;Activités=ACTIVITY;Loisirs=ACTIVITY;"
                                + "Sites et monuments=VENUE;Patrimoine culturel=VENUE;Commerces=SHOP;Commerce=SHOP"),
                new FieldMapping("RaisonSociale", "legal_name", Transform.TEXT, ""),
                new FieldMapping("SIRET", "siret", Transform.TEXT, ""),
                new FieldMapping("ClassementsllPrefectoral", "classification_value", Transform.CLASSIFICATION, "PREFECTORAL"),
                new FieldMapping("CapaciteTotale", "capacity_persons", Transform.INTEGER, ""),
                new FieldMapping("MoyenDeCom", Transform.CONTACTS, Transform.MULTI, ""),
                new FieldMapping("AdresseComplete", Transform.ADDRESS, Transform.MULTI, "")));
    }

    public String toJson() {
        return JSON.writeValueAsString(this);
    }

    public static MappingProfile fromJson(String json) {
        try {
            return JSON.readValue(json, MappingProfile.class);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("Unreadable mapping profile", e);
        }
    }
}
