package eu.localeconomy.directory;

import eu.localeconomy.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The SQL of the directory's establishment tables. Loads establishments with their seasons and references in three
 * queries whatever their number (the price matrix loads every establishment of a tenant).
 */
@Component
class EstablishmentStore {

    static final String COLUMNS = """
            id, organisation_id, main, name, legal_name, siret, vat_number, type, classification_scheme,
            classification_value, capacity_persons, capacity_rooms, capacity_pitches, contact_name, email, phone,
            website, contacts::text, street, postcode, city, country, latitude, longitude, custom::text, status,
            version""";
    private static final TypeReference<List<EstablishmentDetails.Contact>> CONTACTS = new TypeReference<>() { };

    private final JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().build();

    EstablishmentStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A sync reference as stored, for the detail page and upserts. */
    record RefState(ExternalSystem system, String externalId, Instant remoteUpdatedAt, String contentHash,
                    Instant lastSyncedAt) {
    }

    /** A membership season and where it came from. */
    record Season(int season, String source, Instant recordedAt) {
    }

    private record Row(EstablishmentId id, int version, EstablishmentDetails details, boolean archived) {
    }

    List<Establishment> all(TenantId tenant, Map<String, FieldType> customTypes) {
        List<Row> rows = jdbc.sql("select " + COLUMNS + " from directory_establishment where tenant_id = ?"
                        + " and status = 'ACTIVE' order by lower(name), id")
                .param(tenant.value()).query((rs, n) -> row(rs, customTypes)).list();
        Map<UUID, SortedSet<Integer>> seasons = new HashMap<>();
        jdbc.sql("select establishment_id, season from directory_membership where tenant_id = ?")
                .param(tenant.value())
                .query(rs -> {
                    seasons.computeIfAbsent(rs.getObject(1, UUID.class), k -> new TreeSet<>()).add(rs.getInt(2));
                });
        Map<UUID, List<ExternalRef>> refs = new HashMap<>();
        jdbc.sql("select establishment_id, system, external_id, remote_updated_at from directory_external_ref"
                        + " where tenant_id = ? order by system, external_id")
                .param(tenant.value())
                .query(rs -> {
                    refs.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>()).add(ref(rs));
                });
        return assemble(rows, seasons, refs);
    }

    /** The given establishments, archived ones included, in name order; unknown ids are skipped. */
    List<Establishment> some(TenantId tenant, Collection<UUID> ids, Map<String, FieldType> customTypes) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<UUID> list = List.copyOf(new java.util.LinkedHashSet<>(ids));
        List<Establishment> out = new ArrayList<>();
        // chunks keep the statement under PostgreSQL's bind-parameter limit
        for (int from = 0; from < list.size(); from += 5000) {
            List<UUID> chunk = list.subList(from, Math.min(list.size(), from + 5000));
            List<Row> rows = jdbc.sql("select " + COLUMNS + " from directory_establishment where tenant_id = :t"
                            + " and id in (:ids) order by lower(name), id")
                    .param("t", tenant.value()).param("ids", chunk).query((rs, n) -> row(rs, customTypes)).list();
            Map<UUID, SortedSet<Integer>> seasons = new HashMap<>();
            jdbc.sql("select establishment_id, season from directory_membership where tenant_id = :t"
                            + " and establishment_id in (:ids)")
                    .param("t", tenant.value()).param("ids", chunk)
                    .query(rs -> {
                        seasons.computeIfAbsent(rs.getObject(1, UUID.class), k -> new TreeSet<>()).add(rs.getInt(2));
                    });
            Map<UUID, List<ExternalRef>> refs = new HashMap<>();
            jdbc.sql("select establishment_id, system, external_id, remote_updated_at from directory_external_ref"
                            + " where tenant_id = :t and establishment_id in (:ids) order by system, external_id")
                    .param("t", tenant.value()).param("ids", chunk)
                    .query(rs -> {
                        refs.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>()).add(ref(rs));
                    });
            out.addAll(assemble(rows, seasons, refs));
        }
        if (list.size() > 5000) {
            out.sort(java.util.Comparator.comparing((Establishment e) -> e.name().toLowerCase())
                    .thenComparing(e -> e.id().value()));
        }
        return out;
    }

    List<UUID> idsOfEmail(TenantId tenant, String email) {
        return jdbc.sql("select id from directory_establishment where tenant_id = ? and lower(email) = lower(?)"
                        + " and status = 'ACTIVE'")
                .params(tenant.value(), email).query(UUID.class).list();
    }

    List<UUID> idsOfOrganisation(TenantId tenant, OrganisationId organisation) {
        return jdbc.sql("select id from directory_establishment where tenant_id = ? and organisation_id = ?")
                .params(tenant.value(), organisation.value()).query(UUID.class).list();
    }

    private static List<Establishment> assemble(List<Row> rows, Map<UUID, SortedSet<Integer>> seasons,
                                                Map<UUID, List<ExternalRef>> refs) {
        List<Establishment> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            UUID id = r.id().value();
            out.add(new Establishment(r.id(), r.version(), r.details(),
                    java.util.Collections.unmodifiableSortedSet(seasons.getOrDefault(id, new TreeSet<>())),
                    List.copyOf(refs.getOrDefault(id, List.of())), r.archived()));
        }
        return out;
    }

    private static ExternalRef ref(ResultSet rs) throws SQLException {
        Timestamp remote = rs.getTimestamp(4);
        return new ExternalRef(ExternalSystem.valueOf(rs.getString(2)), rs.getString(3),
                remote == null ? null : remote.toInstant());
    }

    private Row row(ResultSet rs, Map<String, FieldType> customTypes) throws SQLException {
        UUID org = rs.getObject(2, UUID.class);
        String contacts = rs.getString(18);
        EstablishmentDetails d = new EstablishmentDetails(
                org == null ? null : new OrganisationId(org), rs.getBoolean(3),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                EstablishmentType.valueOf(rs.getString(8)), rs.getString(9), rs.getString(10),
                integer(rs, 11), integer(rs, 12), integer(rs, 13),
                rs.getString(14), rs.getString(15), rs.getString(16), rs.getString(17),
                contacts == null ? List.of() : List.copyOf(json.readValue(contacts, CONTACTS)),
                rs.getString(19), rs.getString(20), rs.getString(21), rs.getString(22),
                rs.getBigDecimal(23), rs.getBigDecimal(24), custom(rs.getString(25), customTypes));
        return new Row(new EstablishmentId(rs.getObject(1, UUID.class)), rs.getInt(27), d,
                "ARCHIVED".equals(rs.getString(26)));
    }

    private static Integer integer(ResultSet rs, int column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    /** Custom values typed by their field's definition: BigDecimal, Boolean, LocalDate or String. */
    Map<String, Object> custom(String text, Map<String, FieldType> types) {
        if (text == null) {
            return Map.of();
        }
        JsonNode node = json.readTree(text);
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            JsonNode v = e.getValue();
            if (v == null || v.isNull()) {
                continue;
            }
            Object value;
            if (v.isNumber()) {
                value = v.decimalValue();
            } else if (v.isBoolean()) {
                value = v.booleanValue();
            } else if (types.get(e.getKey()) == FieldType.DATE) {
                LocalDate date = Criteria.date(v.asString());
                value = date == null ? v.asString() : date;
            } else {
                value = v.asString();
            }
            out.put(e.getKey(), value);
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    String customJson(Map<String, Object> custom) {
        ObjectNode o = json.createObjectNode();
        if (custom != null) {
            custom.forEach((k, v) -> {
                switch (v) {
                    case null -> { }
                    case BigDecimal n -> o.put(k, n);
                    case Boolean b -> o.put(k, b);
                    default -> o.put(k, v.toString());
                }
            });
        }
        return json.writeValueAsString(o);
    }

    String contactsJson(List<EstablishmentDetails.Contact> contacts) {
        return json.writeValueAsString(contacts == null ? List.of() : contacts);
    }

    Optional<Integer> version(TenantId tenant, EstablishmentId id) {
        return jdbc.sql("select version from directory_establishment where tenant_id = ? and id = ?")
                .params(tenant.value(), id.value()).query(Integer.class).optional();
    }

    boolean organisationExists(TenantId tenant, OrganisationId id) {
        return jdbc.sql("select exists (select 1 from directory_organisation where tenant_id = ? and id = ?)")
                .params(tenant.value(), id.value()).query(Boolean.class).single();
    }

    Optional<Organisation> organisation(TenantId tenant, OrganisationId id) {
        return jdbc.sql("select id, legal_name, siren from directory_organisation where tenant_id = ? and id = ?")
                .params(tenant.value(), id.value())
                .query((rs, n) -> new Organisation(new OrganisationId(rs.getObject(1, UUID.class)), rs.getString(2),
                        rs.getString(3)))
                .optional();
    }

    void insert(TenantId tenant, UUID id, EstablishmentDetails d, Instant now) {
        jdbc.sql("""
                        insert into directory_establishment (id, tenant_id, organisation_id, main, name, legal_name, siret,
                            vat_number, type, classification_scheme, classification_value, capacity_persons,
                            capacity_rooms, capacity_pitches, contact_name, email, phone, website, contacts, street,
                            postcode, city, country, latitude, longitude, custom, created_at, updated_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?, ?, ?, ?,
                            cast(? as jsonb), ?, ?)""")
                .params(id, tenant.value(), d.organisation() == null ? null : d.organisation().value(), d.main(),
                        d.name(), d.legalName(), d.siret(), d.vatNumber(), d.type().name(), d.classificationScheme(),
                        d.classificationValue(), d.capacityPersons(), d.capacityRooms(), d.capacityPitches(),
                        d.contactName(), d.email(), d.phone(), d.website(), contactsJson(d.contacts()), d.street(),
                        d.postcode(), d.city(), d.country(), d.latitude(), d.longitude(), customJson(d.custom()),
                        Timestamp.from(now), Timestamp.from(now))
                .update();
    }

    /** Updates when the version matches; false when it does not (or the row is not the tenant's). */
    boolean update(TenantId tenant, EstablishmentId id, int expectedVersion, EstablishmentDetails d, Instant now) {
        return jdbc.sql("""
                        update directory_establishment set organisation_id = ?, main = ?, name = ?, legal_name = ?,
                            siret = ?, vat_number = ?, type = ?, classification_scheme = ?, classification_value = ?,
                            capacity_persons = ?, capacity_rooms = ?, capacity_pitches = ?, contact_name = ?, email = ?,
                            phone = ?, website = ?, contacts = cast(? as jsonb), street = ?, postcode = ?, city = ?,
                            country = ?, latitude = ?, longitude = ?, custom = cast(? as jsonb), updated_at = ?,
                            version = version + 1
                        where tenant_id = ? and id = ? and version = ?""")
                .params(d.organisation() == null ? null : d.organisation().value(), d.main(), d.name(), d.legalName(),
                        d.siret(), d.vatNumber(), d.type().name(), d.classificationScheme(), d.classificationValue(),
                        d.capacityPersons(), d.capacityRooms(), d.capacityPitches(), d.contactName(), d.email(),
                        d.phone(), d.website(), contactsJson(d.contacts()), d.street(), d.postcode(), d.city(),
                        d.country(), d.latitude(), d.longitude(), customJson(d.custom()), Timestamp.from(now),
                        tenant.value(), id.value(), expectedVersion)
                .update() == 1;
    }

    Optional<UUID> refOwner(TenantId tenant, ExternalSystem system, String externalId) {
        return jdbc.sql("select establishment_id from directory_external_ref where tenant_id = ? and system = ?"
                        + " and external_id = ?")
                .params(tenant.value(), system.name(), externalId).query(UUID.class).optional();
    }

    Optional<String> refHash(TenantId tenant, ExternalSystem system, String externalId) {
        return jdbc.sql("select coalesce(content_hash, '') from directory_external_ref where tenant_id = ?"
                        + " and system = ? and external_id = ?")
                .params(tenant.value(), system.name(), externalId).query(String.class).optional();
    }

    void saveRef(TenantId tenant, UUID establishment, ExternalRef ref, String contentHash, Instant now) {
        jdbc.sql("""
                        insert into directory_external_ref (tenant_id, establishment_id, system, external_id,
                            remote_updated_at, content_hash, last_synced_at)
                        values (?, ?, ?, ?, ?, ?, ?)
                        on conflict (tenant_id, system, external_id) do update set
                            remote_updated_at = excluded.remote_updated_at, content_hash = excluded.content_hash,
                            last_synced_at = excluded.last_synced_at""")
                .params(tenant.value(), establishment, ref.system().name(), ref.externalId(),
                        ref.remoteUpdatedAt() == null ? null : Timestamp.from(ref.remoteUpdatedAt()), contentHash,
                        Timestamp.from(now))
                .update();
    }

    void touchRef(TenantId tenant, ExternalRef ref, Instant now) {
        jdbc.sql("update directory_external_ref set last_synced_at = ? where tenant_id = ? and system = ?"
                        + " and external_id = ?")
                .params(Timestamp.from(now), tenant.value(), ref.system().name(), ref.externalId()).update();
    }

    List<RefState> refStates(TenantId tenant, EstablishmentId id) {
        return jdbc.sql("""
                        select system, external_id, remote_updated_at, content_hash, last_synced_at
                        from directory_external_ref where tenant_id = ? and establishment_id = ? order by system""")
                .params(tenant.value(), id.value())
                .query((rs, n) -> new RefState(ExternalSystem.valueOf(rs.getString(1)), rs.getString(2),
                        instant(rs.getTimestamp(3)), rs.getString(4), instant(rs.getTimestamp(5))))
                .list();
    }

    List<Season> seasons(TenantId tenant, EstablishmentId id) {
        return jdbc.sql("""
                        select season, source, recorded_at from directory_membership
                        where tenant_id = ? and establishment_id = ? order by season desc""")
                .params(tenant.value(), id.value())
                .query((rs, n) -> new Season(rs.getInt(1), rs.getString(2), instant(rs.getTimestamp(3))))
                .list();
    }

    boolean addSeason(TenantId tenant, EstablishmentId id, int season, String source, Instant now) {
        return jdbc.sql("""
                        insert into directory_membership (tenant_id, establishment_id, season, source, recorded_at)
                        values (?, ?, ?, ?, ?) on conflict do nothing""")
                .params(tenant.value(), id.value(), season, source, Timestamp.from(now)).update() == 1;
    }

    boolean removeSeason(TenantId tenant, EstablishmentId id, int season, String source) {
        return jdbc.sql("""
                        delete from directory_membership
                        where tenant_id = ? and establishment_id = ? and season = ? and source = ?""")
                .params(tenant.value(), id.value(), season, source).update() == 1;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
