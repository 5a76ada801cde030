package eu.localeconomy.membership.sync;

import eu.localeconomy.directory.DirectoryField;
import eu.localeconomy.directory.EstablishmentDetails.Contact;
import eu.localeconomy.directory.EstablishmentType;
import eu.localeconomy.directory.FieldType;
import eu.localeconomy.shared.Language;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading both feed shapes, feed dates, and the transforms of the mapping profile. */
class TourinsoftFeedTest {

    private static final URI BASE = URI.create("http://127.0.0.1:8080/Syndication/3.0/cdt14/feed/Objects?$format=json");
    private final TourinsoftFeed feed = TourinsoftFeed.withDefaults();

    private static final Map<String, DirectoryField> FIELDS = Map.of(
            "custom.quality_label", new DirectoryField("custom.quality_label", FieldType.BOOLEAN, true,
                    Map.of(Language.FR, "Qualité Tourisme"), List.of()),
            "custom.zone", new DirectoryField("custom.zone", FieldType.CHOICE, true, Map.of(Language.FR, "Zone"),
                    List.of(new DirectoryField.Choice("coast", Map.of(Language.FR, "Littoral")),
                            new DirectoryField.Choice("inland", Map.of(Language.FR, "Arrière-pays")))));

    @ParameterizedTest
    @CsvSource({"http://127.0.0.1:8080/actuator/env", "http://localhost/feed", "http://10.1.2.3/feed",
            "http://192.168.1.10/feed", "http://169.254.169.254/latest/meta-data/", "http://[::1]/feed",
            "http://[fd00::1]/feed", "file:///etc/passwd"})
    void refusesFeedsOnThePlatformsOwnNetwork(String url) {
        // Nothing listens on these addresses: the check refuses them before any connection is tried.
        assertThatThrownBy(() -> TourinsoftFeed.withDefaults(false).fetch(URI.create(url)))
                .isInstanceOf(FeedException.class)
                .satisfies(e -> assertThat(((FeedException) e).messageKey()).isEqualTo(url.startsWith("file:")
                        ? "membership.sync.error.unreachable" : "membership.sync.error.privateAddress"));
    }

    @Test
    void readsTheValueFormWithCountAndARelativeNextLink() throws Exception {
        TourinsoftFeed.Page page = feed.parse(fixture("objects-page1.json"), BASE);

        assertThat(page.records()).hasSize(2);
        assertThat(page.count()).isEqualTo(8);
        assertThat(page.next()).hasToString("http://127.0.0.1:8080/Syndication/3.0/cdt14/feed/Objects?$format=json&$skip=2");
        assertThat(page.records().getFirst().get("SyndicObjectName")).isEqualTo("Hôtel des Falaises");
    }

    @Test
    void readsTheDResultsFormWithItsStringCountAndNext() throws Exception {
        TourinsoftFeed.Page page = feed.parse(fixture("objects-d-results.json"), BASE);

        assertThat(page.records()).extracting(r -> r.get("SyndicObjectID"))
                .containsExactly("HOTNOR0140000101", "HOTNOR0140000102");
        assertThat(page.count()).isEqualTo(2);
        assertThat(page.next()).hasToString("http://127.0.0.1:1/Syndication/Objects?$skip=2");
    }

    @Test
    void lastPageHasNoNext() throws Exception {
        assertThat(feed.parse(fixture("objects-page3.json"), BASE).next()).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "<html>Service unavailable</html>; membership.sync.error.notJson",
            "[1, 2]; membership.sync.error.notFeed",
            "{\"error\": {\"message\": \"no\"}}; membership.sync.error.notFeed",
            "{\"value\": [1, 2]}; membership.sync.error.notFeed",
    })
    void refusesWhatIsNotAFeed(String body, String key) {
        assertThatThrownBy(() -> feed.parse(body, BASE))
                .isInstanceOfSatisfying(FeedException.class, e -> assertThat(e.messageKey()).isEqualTo(key));
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "/Date(1555891200000)/, 2019-04-22T00:00:00Z",
            "/Date(1555891200000+0200)/, 2019-04-22T00:00:00Z",
            "/Date(1555891200000-0500)/, 2019-04-22T00:00:00Z",
            "/Date(-86400000)/, 1969-12-31T00:00:00Z",
            "2019-04-22T10:15:30+02:00, 2019-04-22T08:15:30Z",
            "2019-04-22T10:15:30, 2019-04-22T10:15:30Z",
            "yesterday, null",
            "'', null",
    })
    void updatedInstants(String text, String expected) {
        assertThat(TourinsoftFeed.instant(text)).isEqualTo(expected == null ? null : Instant.parse(expected));
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            // 2019-04-21T23:00Z is already the 22nd in Paris (+0200), still the 21st in UTC
            "/Date(1555887600000+0200)/, 2019-04-22",
            "/Date(1555887600000)/, 2019-04-21",
            "2026-04-01, 2026-04-01",
            "2026-04-01T00:00:00, 2026-04-01",
            "01/04/2026, 2026-04-01",
            "31/02/2026, null",
            "soon, null",
    })
    void businessDates(String text, String expected) {
        assertThat(TourinsoftFeed.date(text)).isEqualTo(expected == null ? null : LocalDate.parse(expected));
    }

    @Test
    void incrementalFirstPageAddsTheEncodedFilter() {
        Instant since = Instant.parse("2026-01-05T23:00:00Z");

        assertThat(TourinsoftFeed.firstPage("http://127.0.0.1/Objects?$format=json",
                MappingProfile.DEFAULT_INCREMENTAL_QUERY, since))
                .hasToString("http://127.0.0.1/Objects?$format=json&$filter=Updated%20gt%20datetime%272026-01-05T23%3A00%3A00%27");
        assertThat(TourinsoftFeed.firstPage("http://127.0.0.1/Objects", "$filter=Updated ge {since}", since).getQuery())
                .isEqualTo("$filter=Updated ge 2026-01-05T23:00:00");
        assertThat(TourinsoftFeed.firstPage(" http://127.0.0.1/Objects ", "x", null)).hasToString("http://127.0.0.1/Objects");
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', nullValues = "null", value = {
            "3 étoiles; PREFECTORAL; 3",
            "***; PREFECTORAL; 3",
            "5*; PREFECTORAL; 5",
            "★★★★; PREFECTORAL; 4",
            "2 épis; GITES_DE_FRANCE; 2",
            "3 clés; CLEVACANCES; 3",
            "Palace; PREFECTORAL; PALACE",
            "Non classé; null; null",
            "NC; null; null",
    })
    void classification(String text, String scheme, String value) {
        String[] read = RecordMapper.classification(text);
        if (scheme == null) {
            assertThat(read).isNull();
        } else {
            assertThat(read).containsExactly(scheme, value);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "Hôtellerie; HOTEL",
            "HOTELLERIE ; HOTEL",
            "Hôtellerie de plein air; CAMPSITE",
            "Meublés; RENTAL",
            "Hébergements collectifs; GROUP_LODGING",
            "Restauration; RESTAURANT",
            "Fêtes et manifestations; OTHER",
            "Phare; VENUE",
            "restaurant; RESTAURANT",
            "hotel; HOTEL",
    })
    void types(String text, EstablishmentType expected) {
        assertThat(RecordMapper.type(text, "Phare=VENUE;" + MappingProfile.defaults().mappings().getFirst().options()))
                .isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', nullValues = "null", value = {
            "Oui; true", "Non; false", "true; true", "1; true", "0; false", "NON ; false", "peut-être; null",
    })
    void booleans(String text, Boolean expected) {
        assertThat(RecordMapper.bool(text)).isEqualTo(expected);
    }

    @Test
    void multiContactsGiveTheFirstPhoneEmailAndWebsiteAndEveryContact() {
        List<Contact> contacts = RecordMapper.contacts(
                "Téléphone filaire|02 37 53 43 60#Télécopieur /fax|02 37 53 43 69#Mél|contact@x.test#"
                        + "Site web (URL)|https://x.test#Téléphone cellulaire|06 00 00 00 00#|#Facebook|https://fb.test/x");

        assertThat(contacts).containsExactly(
                new Contact("PHONE", "Téléphone filaire", "02 37 53 43 60"),
                new Contact("FAX", "Télécopieur /fax", "02 37 53 43 69"),
                new Contact("EMAIL", "Mél", "contact@x.test"),
                new Contact("WEBSITE", "Site web (URL)", "https://x.test"),
                new Contact("PHONE", "Téléphone cellulaire", "06 00 00 00 00"),
                new Contact("OTHER", "Facebook", "https://fb.test/x"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', nullValues = "null", value = {
            "Rue de la Bruyère|||28400|NOGENT-LE-ROTROU|28280; Rue de la Bruyère; 28400; NOGENT-LE-ROTROU",
            "12 rue du Perrey|Front de mer||76790|ÉTRETAT|76254; 12 rue du Perrey, Front de mer; 76790; ÉTRETAT",
            "Lieu-dit Le Bourg; Lieu-dit Le Bourg; null; null",
            "|||76790|; null; 76790; null",
    })
    void multiAddress(String text, String street, String postcode, String city) {
        assertThat(RecordMapper.address(text)).containsExactly(street, postcode, city);
    }

    @Test
    void mapsARecordThroughTheDefaultProfileAndACustomField() throws Exception {
        var mappings = new ArrayList<>(MappingProfile.defaults().mappings());
        mappings.add(new FieldMapping("LabelQualiteTourisme", "custom.quality_label", Transform.BOOLEAN, ""));
        mappings.add(new FieldMapping("Zone", "custom.zone", Transform.TEXT, ""));
        var mapper = new RecordMapper(mappings, FIELDS, "SyndicObjectID", true);
        Map<String, Object> record = new LinkedHashMap<>(feed.parse(fixture("objects-page1.json"), BASE).records().getFirst());
        record.put("Zone", "littoral");

        RecordMapper.Mapped mapped = mapper.map(record);

        assertThat(mapped.problems()).isEmpty();
        assertThat(mapped.externalId()).isEqualTo("HOTNOR0140000101");
        assertThat(mapped.updated()).isEqualTo(Instant.ofEpochMilli(1767225600000L));
        var d = mapped.details();
        assertThat(d.name()).isEqualTo("Hôtel des Falaises");
        assertThat(d.legalName()).isEqualTo("SARL Les Falaises d'Albâtre");
        assertThat(d.siret()).isEqualTo("73282932000074");
        assertThat(d.type()).isEqualTo(EstablishmentType.HOTEL);
        assertThat(d.classificationScheme()).isEqualTo("PREFECTORAL");
        assertThat(d.classificationValue()).isEqualTo("3");
        assertThat(d.capacityPersons()).isEqualTo(42);
        assertThat(d.phone()).isEqualTo("02 35 10 20 30");
        assertThat(d.email()).isEqualTo("accueil@hotel-des-falaises.test");
        assertThat(d.website()).isEqualTo("https://hotel-des-falaises.test");
        assertThat(d.contacts()).hasSize(4);
        assertThat(d.street()).isEqualTo("12 rue du Perrey, Front de mer");
        assertThat(d.postcode()).isEqualTo("76790");
        assertThat(d.city()).isEqualTo("ÉTRETAT");
        assertThat(d.latitude()).isEqualByComparingTo("49.7612");
        assertThat(d.longitude()).isEqualByComparingTo("0.37025");
        assertThat(d.custom()).containsEntry("quality_label", true).containsEntry("zone", "coast");
        assertThat(mapped.fields()).contains("name", "type", "capacity_persons", "contacts", "street", "latitude",
                "custom.quality_label", "custom.zone").doesNotContain("capacity_rooms", "vat_number");
    }

    @Test
    void theHashIgnoresFieldOrderAndUpdatedButNotAChangedValue() throws Exception {
        var mapper = RecordMapper.tourinsoft(MappingProfile.defaults(), FIELDS);
        Map<String, Object> record = feed.parse(fixture("objects-page1.json"), BASE).records().get(1);
        Map<String, Object> reordered = new LinkedHashMap<>();
        new ArrayList<>(record.keySet()).reversed().forEach(k -> reordered.put(k, record.get(k)));
        reordered.put("Updated", "/Date(1799999999999)/");
        Map<String, Object> changed = new LinkedHashMap<>(record);
        changed.put("CapaciteTotale", "19");

        String hash = mapper.map(record).hash();

        assertThat(hash).hasSize(64).isEqualTo(mapper.map(reordered).hash());
        assertThat(mapper.map(changed).hash()).isNotEqualTo(hash);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', nullValues = "null", value = {
            "CapaciteTotale; beaucoup; capacity_persons; membership.sync.problem.integer",
            "CapaciteTotale; -3; capacity_persons; membership.sync.problem.integer",
            "CapaciteTotale; 4.5; capacity_persons; membership.sync.problem.integer",
            "CapaciteTotale; 99999999999999999999999; capacity_persons; membership.sync.problem.integer",
            "LabelQualiteTourisme; bof; custom.quality_label; membership.sync.problem.boolean",
            "Zone; montagne; custom.zone; membership.sync.problem.choice",
            "SyndicObjectName; ''; name; membership.sync.problem.noName",
            "SyndicObjectID; null; external_id; membership.sync.problem.noId",
    })
    void badValuesAreProblemsOfTheRecord(String source, String value, String field, String key) throws Exception {
        var mappings = new ArrayList<>(MappingProfile.defaults().mappings());
        mappings.add(new FieldMapping("LabelQualiteTourisme", "custom.quality_label", Transform.BOOLEAN, ""));
        mappings.add(new FieldMapping("Zone", "custom.zone", Transform.TEXT, ""));
        var mapper = new RecordMapper(mappings, FIELDS, "SyndicObjectID", true);
        Map<String, Object> record = new LinkedHashMap<>(feed.parse(fixture("objects-page1.json"), BASE).records().getFirst());
        record.put(source, value);

        assertThat(mapper.map(record).problems()).extracting(RecordMapper.Problem::field, RecordMapper.Problem::messageKey)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(field, key));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', nullValues = "null", value = {
            "2025#2026; [2025, 2026]; null",
            "Adhérent 2026 | 2024; [2024, 2026]; null",
            "''; []; null",
            "non; []; null",
            "2025#1850; null; membership.sync.problem.season",
            "20250; []; null",
    })
    void membershipSeasons(String text, String seasons, String problem) throws Exception {
        var mapper = new RecordMapper(List.of(new FieldMapping("Adhesions", "member_seasons", Transform.TEXT, "")),
                FIELDS, "SyndicObjectID", true);
        Map<String, Object> record = new LinkedHashMap<>(feed.parse(fixture("objects-page1.json"), BASE).records().getFirst());
        record.put("Adhesions", text);

        RecordMapper.Mapped mapped = mapper.map(record);

        if (problem == null) {
            assertThat(mapped.problems()).isEmpty();
            assertThat(mapped.seasons()).hasToString(seasons);
            assertThat(mapped.fields()).doesNotContain("member_seasons");
        } else {
            assertThat(mapped.problems()).extracting(RecordMapper.Problem::messageKey).containsExactly(problem);
        }
    }

    @Test
    void aProfileSurvivesItsJson() {
        MappingProfile profile = new MappingProfile("http://127.0.0.1/Objects", null,
                List.of(new FieldMapping("Capacite", "custom.rooms", Transform.DECIMAL, null)));

        MappingProfile read = MappingProfile.fromJson(profile.toJson());

        assertThat(read).isEqualTo(profile);
        assertThat(read.incrementalQuery()).isEqualTo(MappingProfile.DEFAULT_INCREMENTAL_QUERY);
        assertThat(MappingProfile.fromJson(MappingProfile.defaults().toJson())).isEqualTo(MappingProfile.defaults());
    }

    static String fixture(String name) throws IOException {
        try (InputStream in = TourinsoftFeedTest.class.getResourceAsStream("/tourism-feeds/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
