package eu.localeconomy.directory;

import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.TenantId;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.support.DirectoryFixtures;
import eu.localeconomy.support.IntegrationTest;
import eu.localeconomy.support.TestTenants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Creating, validating, updating and importing establishments, memberships, organisations, tenant isolation. */
@IntegrationTest
class EstablishmentsIT {

    @Autowired Establishments establishments;
    @Autowired DirectoryFixtures directory;
    @Autowired TestTenants tenants;
    @Autowired JdbcClient jdbc;

    TenantId tenant;

    @BeforeEach
    void office() {
        tenant = tenants.tenant(TenantKind.TOURISM_OFFICE).id();
        directory.customField(tenant, "partner", FieldType.BOOLEAN, "Partner");
        directory.customField(tenant, "pages", FieldType.NUMBER, "Pages");
        directory.customField(tenant, "opened", FieldType.DATE, "Opened");
        directory.customField(tenant, "level", FieldType.CHOICE, "Level", "gold", "silver");
    }

    static EstablishmentDetails with(EstablishmentDetails d, String siret, String vat, Integer rooms, String email,
                                     BigDecimal lat, BigDecimal lon, Map<String, Object> custom) {
        return new EstablishmentDetails(d.organisation(), d.main(), d.name(), d.legalName(), siret, vat, d.type(),
                d.classificationScheme(), d.classificationValue(), d.capacityPersons(), rooms, d.capacityPitches(),
                d.contactName(), email, d.phone(), d.website(), d.contacts(), d.street(), d.postcode(), d.city(),
                d.country(), lat, lon, custom);
    }

    @Test
    void createsAndReadsBackNormalisedDetailsWithTypedCustomValues() {
        EstablishmentDetails d = with(DirectoryFixtures.details(" Hôtel des Falaises ", EstablishmentType.HOTEL),
                "732 829 320 00074", "fr 44 732 829 320", 24, "pro@falaises.test", new BigDecimal("49.7071"),
                new BigDecimal("0.2045"), Map.of("partner", "true", "pages", "2,5", "opened", "1999-06-01", "level", "GOLD"));
        EstablishmentId id = establishments.create(tenant, d, Actor.SYSTEM);

        Establishment e = establishments.find(tenant, id).orElseThrow();
        assertThat(e.name()).isEqualTo("Hôtel des Falaises");
        assertThat(e.details().siret()).isEqualTo("73282932000074");
        assertThat(e.details().vatNumber()).isEqualTo("FR44732829320");
        assertThat(e.details().capacityRooms()).isEqualTo(24);
        assertThat(e.details().latitude()).isEqualByComparingTo("49.7071");
        assertThat(e.custom()).containsEntry("partner", true).containsEntry("pages", new BigDecimal("2.5"))
                .containsEntry("opened", LocalDate.of(1999, 6, 1)).containsEntry("level", "gold");
        assertThat(e.version()).isZero();
        assertThat(jdbc.sql("select count(*) from audit_event where tenant_id = ? and action = 'directory.establishment.create'")
                .param(tenant.value()).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void reportsEveryProblemWithFieldAndMessageKey() {
        EstablishmentDetails bad = new EstablishmentDetails(null, true, " ", null, "73282932000079", "FR84323140391",
                null, null, null, -1, 100_001, null, null, "not-an-email", null, null, List.of(), null, null, null,
                "France", new BigDecimal("95"), null,
                Map.of("pages", "abc", "level", "bronze", "unknown", "x", "opened", "2020-02-30", "partner", "maybe"));
        assertThatThrownBy(() -> establishments.create(tenant, bad, Actor.SYSTEM))
                .isInstanceOfSatisfying(DirectoryValidationException.class, ex -> assertThat(ex.problems())
                        .extracting(p -> p.field() + " " + p.messageKey())
                        .containsExactlyInAnyOrder(
                                "name directory.error.required", "type directory.error.required",
                                "siret directory.error.siret.checksum", "vat_number directory.error.vat-fr.checksum",
                                "capacity_persons directory.error.capacity", "capacity_rooms directory.error.capacity",
                                "email directory.error.email", "country directory.error.country",
                                "longitude directory.error.coordinates",
                                "custom.pages directory.error.custom.number", "custom.level directory.error.custom.choice",
                                "custom.unknown directory.error.customUnknown", "custom.opened directory.error.custom.date",
                                "custom.partner directory.error.custom.boolean"));
        EstablishmentDetails farAway = with(DirectoryFixtures.details("Loin", EstablishmentType.OTHER), null, null, null,
                null, new BigDecimal("-91"), new BigDecimal("181"), Map.of());
        assertThatThrownBy(() -> establishments.create(tenant, farAway, Actor.SYSTEM))
                .isInstanceOfSatisfying(DirectoryValidationException.class, ex -> assertThat(ex.problems())
                        .extracting(DirectoryValidationException.Problem::messageKey)
                        .containsExactlyInAnyOrder("directory.error.latitude", "directory.error.longitude"));
        assertThat(establishments.all(tenant)).isEmpty();
    }

    @Test
    void updateWithAStaleVersionIsRefused() {
        EstablishmentId id = directory.establishment(tenant, "Camping du Phare").type(EstablishmentType.CAMPSITE)
                .pitches(80).create();
        Establishment read = establishments.find(tenant, id).orElseThrow();
        EstablishmentDetails first = with(read.details(), null, null, null, "a@phare.test", null, null, Map.of());
        establishments.update(tenant, id, read.version(), first, Actor.SYSTEM);
        EstablishmentDetails second = with(read.details(), null, null, null, "b@phare.test", null, null, Map.of());

        assertThatThrownBy(() -> establishments.update(tenant, id, read.version(), second, Actor.SYSTEM))
                .isInstanceOf(StaleEstablishmentException.class);
        Establishment now = establishments.find(tenant, id).orElseThrow();
        assertThat(now.details().email()).isEqualTo("a@phare.test");
        assertThat(now.version()).isEqualTo(1);
    }

    @Test
    void upsertCreatesUpdatesOnlyTheGivenFieldsAndSkipsUnchangedRecords() {
        ExternalRef ref = new ExternalRef(ExternalSystem.TOURINSOFT, "HOTNOR0001", Instant.parse("2026-10-01T08:00:00Z"));
        EstablishmentDetails feed = with(DirectoryFixtures.details("Hôtel de la Plage", EstablishmentType.HOTEL),
                null, null, 12, "plage@feed.test", null, null, Map.of("pages", 1));
        Set<String> fields = Set.of("name", "type", "capacity_rooms", "email", "custom.pages");

        Establishments.Upserted created = establishments.upsert(tenant, ref, "h1", feed, fields, Actor.SYSTEM);
        assertThat(created.outcome()).isEqualTo(Establishments.Outcome.CREATED);

        // the office adds what the feed does not carry
        Establishment read = establishments.find(tenant, created.id()).orElseThrow();
        establishments.update(tenant, created.id(), read.version(), with(read.details(), null, null, 12,
                "plage@feed.test", null, null, Map.of("pages", 1, "partner", true)), Actor.SYSTEM);

        EstablishmentDetails changed = with(DirectoryFixtures.details("Hôtel de la Plage ***", EstablishmentType.HOTEL),
                null, null, 14, "nouveau@feed.test", null, null, Map.of("pages", 3));
        Establishments.Upserted updated = establishments.upsert(tenant,
                new ExternalRef(ExternalSystem.TOURINSOFT, "HOTNOR0001", Instant.parse("2026-11-01T08:00:00Z")), "h2",
                changed, Set.of("capacity_rooms", "custom.pages"), Actor.SYSTEM);
        assertThat(updated).isEqualTo(new Establishments.Upserted(created.id(), Establishments.Outcome.UPDATED));
        Establishment after = establishments.find(tenant, created.id()).orElseThrow();
        assertThat(after.name()).isEqualTo("Hôtel de la Plage");
        assertThat(after.details().email()).isEqualTo("plage@feed.test");
        assertThat(after.details().capacityRooms()).isEqualTo(14);
        assertThat(after.custom()).containsEntry("pages", new BigDecimal("3")).containsEntry("partner", true);
        assertThat(after.externalRefs()).containsExactly(
                new ExternalRef(ExternalSystem.TOURINSOFT, "HOTNOR0001", Instant.parse("2026-11-01T08:00:00Z")));

        Instant syncedBefore = lastSynced();
        Establishments.Upserted same = establishments.upsert(tenant, ref, "h2", changed, fields, Actor.SYSTEM);
        assertThat(same.outcome()).isEqualTo(Establishments.Outcome.UNCHANGED);
        assertThat(establishments.find(tenant, created.id()).orElseThrow().version()).isEqualTo(after.version());
        assertThat(lastSynced()).isAfterOrEqualTo(syncedBefore);
        assertThat(establishments.all(tenant)).hasSize(1);
    }

    Instant lastSynced() {
        return jdbc.sql("select last_synced_at from directory_external_ref where tenant_id = ?").param(tenant.value())
                .query(java.sql.Timestamp.class).single().toInstant();
    }

    @Test
    void membershipsAreIdempotent() {
        EstablishmentId id = directory.establishment(tenant, "Gîte du Bois").type(EstablishmentType.RENTAL)
                .memberIn(2025).create();
        establishments.recordMembership(tenant, id, 2026, "ORDER", Actor.SYSTEM);
        establishments.recordMembership(tenant, id, 2026, "OFFICE", Actor.SYSTEM);
        establishments.recordMembership(tenant, id, 2025, "ORDER", Actor.SYSTEM);

        assertThat(establishments.find(tenant, id).orElseThrow().memberSeasons()).containsExactly(2025, 2026);
        assertThat(establishments.seasons(tenant, id)).extracting(EstablishmentStore.Season::source)
                .containsExactly("ORDER", "IMPORT");
        assertThatThrownBy(() -> establishments.recordMembership(tenant, id, 1800, "OFFICE", Actor.SYSTEM))
                .isInstanceOf(DirectoryValidationException.class);
    }

    @Test
    void anotherTenantNeverSeesThem() {
        EstablishmentId id = directory.establishment(tenant, "Hôtel Secret").email("secret@hotel.test").create();
        TenantId other = tenants.tenant(TenantKind.TOURISM_OFFICE).id();

        assertThat(establishments.find(other, id)).isEmpty();
        assertThat(establishments.all(other)).isEmpty();
        assertThat(establishments.findAll(other, List.of(id))).isEmpty();
        assertThat(establishments.withEmail(other, "secret@hotel.test")).isEmpty();
        assertThat(establishments.search(other, "secret", null, 0, 25).total()).isZero();
        assertThat(establishments.withEmail(tenant, "SECRET@hotel.test")).extracting(Establishment::id).containsExactly(id);
        Establishment mine = establishments.find(tenant, id).orElseThrow();
        assertThatThrownBy(() -> establishments.update(other, id, mine.version(), mine.details(), Actor.SYSTEM))
                .isInstanceOf(java.util.NoSuchElementException.class);
        OrganisationId foreign = establishments.organisation(tenant, DirectoryFixtures.SIREN, "SARL A");
        assertThatThrownBy(() -> directory.establishment(other, "X").organisation(foreign, true).create())
                .isInstanceOf(DirectoryValidationException.class);
    }

    @Test
    void organisationHasAMainAndSecondaryEstablishments() {
        EstablishmentId main = directory.establishment(tenant, "Hôtel du Port").mainOf(DirectoryFixtures.SIREN, "SARL Port")
                .siret(DirectoryFixtures.SIRET).create();
        EstablishmentId annex = directory.establishment(tenant, "Annexe du Port").secondaryOf("732 829 320", null).create();
        OrganisationId org = establishments.find(tenant, main).orElseThrow().details().organisation();

        assertThat(establishments.find(tenant, annex).orElseThrow().details().organisation()).isEqualTo(org);
        assertThat(establishments.find(tenant, annex).orElseThrow().main()).isFalse();
        assertThat(establishments.findOrganisation(tenant, org)).hasValueSatisfying(o -> {
            assertThat(o.siren()).isEqualTo(DirectoryFixtures.SIREN);
            assertThat(o.legalName()).isEqualTo("SARL Port");
        });
        assertThat(establishments.ofOrganisation(tenant, org)).extracting(Establishment::name)
                .containsExactly("Annexe du Port", "Hôtel du Port");
        assertThat(establishments.organisation(tenant, DirectoryFixtures.SIREN, "SAS Port")).isEqualTo(org);
        assertThat(establishments.findOrganisation(tenant, org).orElseThrow().legalName()).isEqualTo("SAS Port");
        assertThatThrownBy(() -> establishments.organisation(tenant, "404833047", "Bad"))
                .isInstanceOfSatisfying(DirectoryValidationException.class, ex -> assertThat(ex.problems())
                        .extracting(DirectoryValidationException.Problem::messageKey)
                        .containsExactly("directory.error.siren.checksum"));
    }

    @Test
    void searchFiltersByTextAndCriteriaInNameOrderWithPages() {
        directory.establishment(tenant, "Hôtel Beau Séjour").stars(3).rooms(30).create();
        directory.establishment(tenant, "Hôtel Bellevue").stars(2).rooms(10).create();
        directory.establishment(tenant, "Camping Beauséjour").type(EstablishmentType.CAMPSITE).city("76400", "Fécamp").create();

        assertThat(establishments.search(tenant, "sejour", null, 0, 25).items()).extracting(Establishment::name)
                .containsExactly("Camping Beauséjour", "Hôtel Beau Séjour");
        assertThat(establishments.search(tenant, "fecamp", null, 0, 25).total()).isEqualTo(1);
        assertThat(establishments.search(tenant, null, DirectoryFixtures.atLeast("capacity_rooms", 20), 0, 25).items())
                .extracting(Establishment::name).containsExactly("Hôtel Beau Séjour");
        Establishments.Page second = establishments.search(tenant, "", null, 1, 2);
        assertThat(second.total()).isEqualTo(3);
        assertThat(second.items()).extracting(Establishment::name).containsExactly("Hôtel Bellevue");
        assertThat(establishments.search(tenant, "", null, 99, 2).page()).isEqualTo(1);
    }
}
