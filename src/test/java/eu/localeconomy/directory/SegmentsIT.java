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

import java.util.UUID;

import static eu.localeconomy.support.DirectoryFixtures.all;
import static eu.localeconomy.support.DirectoryFixtures.any;
import static eu.localeconomy.support.DirectoryFixtures.atLeast;
import static eu.localeconomy.support.DirectoryFixtures.is;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Saving, reading, renaming and deleting segments, and who they match. */
@IntegrationTest
class SegmentsIT {

    @Autowired Segments segments;
    @Autowired DirectoryFields fields;
    @Autowired DirectoryFixtures directory;
    @Autowired TestTenants tenants;
    @Autowired JdbcClient jdbc;

    TenantId tenant;

    @BeforeEach
    void office() {
        tenant = tenants.tenant(TenantKind.TOURISM_OFFICE).id();
        directory.customField(tenant, "partner", FieldType.BOOLEAN, "Partner association");
        directory.establishment(tenant, "Hôtel 4 étoiles").stars(4).rooms(40).create();
        directory.establishment(tenant, "Hôtel 2 étoiles").stars(2).rooms(8).create();
        directory.establishment(tenant, "Gîte partenaire").type(EstablishmentType.RENTAL).custom("partner", true).create();
        directory.establishment(tenant, "Camping").type(EstablishmentType.CAMPSITE).custom("partner", false).create();
    }

    static final Criterion HOTELS_3_STARS_OR_PARTNERS = any(
            all(is("type", "HOTEL"), atLeast("classification_value", 3)),
            is("custom.partner", "true"));

    @Test
    void savesAndMatches() {
        SegmentId id = directory.segment(tenant, "Hotels ≥ 3★ or partner", HOTELS_3_STARS_OR_PARTNERS);

        Segment saved = segments.find(tenant, id).orElseThrow();
        assertThat(saved.name()).isEqualTo("Hotels ≥ 3★ or partner");
        assertThat(saved.criterion()).isEqualTo(HOTELS_3_STARS_OR_PARTNERS);
        assertThat(segments.members(tenant, saved.criterion())).extracting(Establishment::name)
                .containsExactly("Gîte partenaire", "Hôtel 4 étoiles");
        assertThat(segments.of(tenant)).extracting(Segment::id).containsExactly(id);
        assertThat(segments.members(tenant, Criterion.everyone())).hasSize(4);
    }

    @Test
    void namesAreUniquePerTenantAndRenamingWorks() {
        SegmentId id = directory.segment(tenant, "Partners", is("custom.partner", "true"));
        assertThatThrownBy(() -> directory.segment(tenant, "Partners", Criterion.everyone()))
                .isInstanceOfSatisfying(DirectoryValidationException.class, ex -> assertThat(ex.problems())
                        .extracting(DirectoryValidationException.Problem::messageKey)
                        .containsExactly("directory.segment.error.nameTaken"));
        TenantId other = tenants.tenant(TenantKind.TOURISM_OFFICE).id();
        assertThat(directory.segment(other, "Partners", Criterion.everyone())).isNotEqualTo(id);
        assertThat(segments.find(other, id)).isEmpty();

        segments.save(tenant, id, "Partner associations", is("custom.partner", "false"), Actor.SYSTEM);
        assertThat(segments.find(tenant, id).orElseThrow().name()).isEqualTo("Partner associations");
        assertThat(segments.members(tenant, segments.find(tenant, id).orElseThrow().criterion()))
                .extracting(Establishment::name).containsExactly("Camping");
    }

    @Test
    void refusesInvalidCriteriaWithTheirPath() {
        Criterion bad = all(is("type", "HOTEL"), any(DirectoryFixtures.condition("capacity_rooms",
                Criterion.Operator.BETWEEN, "abc", ""), is("custom.nope", "x")));
        assertThatThrownBy(() -> segments.save(tenant, null, "Bad", bad, Actor.SYSTEM))
                .isInstanceOfSatisfying(DirectoryValidationException.class, ex -> assertThat(ex.problems())
                        .extracting(p -> p.field() + " " + p.messageKey())
                        .containsExactly("1.0 directory.criteria.notNumber", "1.1 directory.criteria.unknownField"));
        assertThatThrownBy(() -> segments.save(tenant, null, " ", Criterion.everyone(), Actor.SYSTEM))
                .isInstanceOf(DirectoryValidationException.class);
        assertThat(segments.of(tenant)).isEmpty();
    }

    @Test
    void deletingASegmentACampaignUsesIsRefused() {
        SegmentId used = directory.segment(tenant, "Used", Criterion.everyone());
        SegmentId unused = directory.segment(tenant, "Unused", Criterion.everyone());
        // a campaign range offered to the segment, as the catalogue would store it
        UUID campaign = UUID.randomUUID();
        UUID range = UUID.randomUUID();
        jdbc.sql("insert into membership_campaign (id, tenant_id, season, name, opens_on, closes_on, created_at,"
                        + " updated_at) values (?, ?, 2027, 'Campagne 2027', date '2026-11-01', date '2027-03-31', now(), now())")
                .params(campaign, tenant.value()).update();
        jdbc.sql("insert into membership_range (id, tenant_id, campaign_id, names, created_at)"
                        + " values (?, ?, ?, '{\"fr\": \"Hôtels\"}', now())")
                .params(range, tenant.value(), campaign).update();
        jdbc.sql("insert into membership_range_segment (tenant_id, range_id, segment_id) values (?, ?, ?)")
                .params(tenant.value(), range, used.value()).update();

        assertThatThrownBy(() -> segments.delete(tenant, used, Actor.SYSTEM))
                .isInstanceOfSatisfying(DirectoryValidationException.class, ex -> assertThat(ex.problems())
                        .extracting(DirectoryValidationException.Problem::messageKey)
                        .containsExactly("directory.segment.error.inUse"));
        segments.delete(tenant, unused, Actor.SYSTEM);
        assertThat(segments.of(tenant)).extracting(Segment::id).containsExactly(used);
    }

    @Test
    void standardFieldsCarryTheirLabelsInEveryLanguageThenCustomFields() {
        var list = fields.of(tenant);
        assertThat(list.getFirst().key()).isEqualTo("name");
        assertThat(list).filteredOn(f -> f.key().equals("capacity_rooms")).singleElement()
                .satisfies(f -> assertThat(f.labels().get(eu.localeconomy.shared.Language.FR)).isEqualTo("Chambres"));
        assertThat(list.getLast()).satisfies(f -> {
            assertThat(f.key()).isEqualTo("custom.partner");
            assertThat(f.custom()).isTrue();
            assertThat(f.type()).isEqualTo(FieldType.BOOLEAN);
        });
        assertThat(list).filteredOn(f -> f.key().equals("type")).singleElement()
                .satisfies(f -> assertThat(f.choices()).hasSize(EstablishmentType.values().length));
    }
}
