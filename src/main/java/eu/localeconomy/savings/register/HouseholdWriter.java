package eu.localeconomy.savings.register;

import eu.localeconomy.savings.programme.Register;
import eu.localeconomy.shared.TenantId;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Writes a batch of imported households in a handful of set-based statements (arrays unnested by PostgreSQL), in
 * the caller's transaction. A household is found again by (programme, register, external key): new ones are
 * inserted, changed ones (another fingerprint, or excluded before) updated, unchanged ones left untouched.
 * Members are matched by national register number hash anywhere in the programme (a person who moved keeps their
 * row), else by name and date of birth within the household; members no longer listed are removed unless they
 * have enrolled.
 */
@Component
class HouseholdWriter {

    private final JdbcTemplate jdbc;

    HouseholdWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record Target(TenantId tenant, UUID programmeId, Register register, UUID categoryId, LocalDate referenceDate,
                  UUID importId, Instant now) {
    }

    record Counts(int created, int updated, int unchanged) {
    }

    private record Existing(UUID id, String fingerprint, boolean eligible) {
    }

    private record ExistingMember(UUID id, UUID householdId, String nrnHash, String key) {
    }

    Counts write(Target target, List<RegisterRows.Household> batch) {
        return jdbc.execute((ConnectionCallback<Counts>) connection -> write(connection, target, batch));
    }

    /**
     * Refreshes the planner's statistics of the tables being filled. Foreign-key checks keep the plan made when the
     * tables were nearly empty (a sequential scan) until statistics change, which makes a first large import
     * quadratic; called as the import doubles the rows it wrote. Without ownership of the tables PostgreSQL only warns.
     */
    void refreshStatistics() {
        jdbc.execute("analyze savings_household, savings_household_member");
    }

    /**
     * Excludes the households of the register that the import did not list; returns how many. Unchanged households
     * are not written to at all (every write of a row updates its seven indexes): the listed keys are passed as one
     * array and PostgreSQL anti-joins them.
     */
    int excludeUnlisted(Target target, List<String> listedKeys) {
        return jdbc.execute((ConnectionCallback<Integer>) connection -> {
            try (PreparedStatement ps = connection.prepareStatement("""
                    update savings_household h set status = 'EXCLUDED', updated_at = ?
                    where h.tenant_id = ? and h.programme_id = ? and h.register = ? and h.status = 'ELIGIBLE'
                      and not exists (select 1 from unnest(cast(? as text[])) as listed(key) where listed.key = h.external_key)""")) {
                ps.setTimestamp(1, Timestamp.from(target.now()));
                ps.setObject(2, target.tenant().value());
                ps.setObject(3, target.programmeId());
                ps.setString(4, target.register().name());
                ps.setArray(5, connection.createArrayOf("text", listedKeys.toArray()));
                return ps.executeUpdate();
            }
        });
    }

    private Counts write(Connection connection, Target target, List<RegisterRows.Household> batch) throws SQLException {
        try (var statement = connection.createStatement()) {
            // A batch whose commit is lost in a crash is simply written again: its checkpoint is lost with it.
            statement.execute("set local synchronous_commit = off");
        }
        Map<String, Existing> existing = existing(connection, target, batch);
        List<RegisterRows.Household> created = new ArrayList<>();
        List<RegisterRows.Household> changed = new ArrayList<>();
        List<UUID> unchanged = new ArrayList<>();
        Map<RegisterRows.Household, UUID> ids = new HashMap<>();
        Map<RegisterRows.Household, String> fingerprints = new HashMap<>();
        for (RegisterRows.Household household : batch) {
            String fingerprint = household.fingerprint(target.categoryId());
            fingerprints.put(household, fingerprint);
            Existing found = existing.get(household.externalKey());
            if (found == null) {
                ids.put(household, UUID.randomUUID());
                created.add(household);
            } else if (!found.eligible() || !fingerprint.equals(found.fingerprint())) {
                ids.put(household, found.id());
                changed.add(household);
            } else {
                unchanged.add(found.id());
            }
        }
        insertHouseholds(connection, target, created, ids, fingerprints);
        updateHouseholds(connection, target, changed, ids, fingerprints);
        List<RegisterRows.Household> rewritten = new ArrayList<>(created);
        rewritten.addAll(changed);
        writeMembers(connection, target, rewritten, ids);
        return new Counts(created.size(), changed.size(), unchanged.size());
    }

    private Map<String, Existing> existing(Connection connection, Target target, List<RegisterRows.Household> batch)
            throws SQLException {
        Map<String, Existing> existing = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement("""
                select external_key, id, import_fingerprint, status = 'ELIGIBLE' from savings_household
                where tenant_id = ? and programme_id = ? and register = ? and external_key = any(?)""")) {
            ps.setObject(1, target.tenant().value());
            ps.setObject(2, target.programmeId());
            ps.setString(3, target.register().name());
            ps.setArray(4, connection.createArrayOf("text", batch.stream().map(RegisterRows.Household::externalKey).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    existing.put(rs.getString(1), new Existing(rs.getObject(2, UUID.class), rs.getString(3), rs.getBoolean(4)));
                }
            }
        }
        return existing;
    }

    private static final String HOUSEHOLD_COLUMNS = """
            id, external_key, display_name, street, house_number, box, postcode, municipality, postal_name,
            postal_line1, postal_line2, postal_postcode, postal_city, postal_country, tax_number_hash,
            tax_number_last2, import_fingerprint""";

    private void insertHouseholds(Connection connection, Target target, List<RegisterRows.Household> households,
                                  Map<RegisterRows.Household, UUID> ids, Map<RegisterRows.Household, String> fingerprints)
            throws SQLException {
        if (households.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement("""
                insert into savings_household (id, tenant_id, programme_id, category_id, register, external_key,
                    display_name, street, house_number, box, postcode, municipality, postal_name, postal_line1,
                    postal_line2, postal_postcode, postal_city, postal_country, tax_number_hash, tax_number_last2,
                    import_fingerprint, status, reference_date, last_import_id, created_at, updated_at)
                select cast(v.id as uuid), ?, ?, ?, ?, v.external_key, v.display_name, v.street, v.house_number, v.box,
                    v.postcode, v.municipality, v.postal_name, v.postal_line1, v.postal_line2, v.postal_postcode,
                    v.postal_city, v.postal_country, v.tax_number_hash, v.tax_number_last2, v.import_fingerprint,
                    'ELIGIBLE', ?, ?, ?, ?
                from unnest(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) as v(""" + HOUSEHOLD_COLUMNS + ")")) {
            int i = 1;
            ps.setObject(i++, target.tenant().value());
            ps.setObject(i++, target.programmeId());
            ps.setObject(i++, target.categoryId());
            ps.setString(i++, target.register().name());
            ps.setObject(i++, target.referenceDate());
            ps.setObject(i++, target.importId());
            ps.setTimestamp(i++, Timestamp.from(target.now()));
            ps.setTimestamp(i++, Timestamp.from(target.now()));
            setHouseholdArrays(connection, ps, i, households, ids, fingerprints);
            ps.executeUpdate();
        }
    }

    private void updateHouseholds(Connection connection, Target target, List<RegisterRows.Household> households,
                                  Map<RegisterRows.Household, UUID> ids, Map<RegisterRows.Household, String> fingerprints)
            throws SQLException {
        if (households.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement("""
                update savings_household h set category_id = ?, display_name = v.display_name, street = v.street,
                    house_number = v.house_number, box = v.box, postcode = v.postcode, municipality = v.municipality,
                    postal_name = v.postal_name, postal_line1 = v.postal_line1, postal_line2 = v.postal_line2,
                    postal_postcode = v.postal_postcode, postal_city = v.postal_city, postal_country = v.postal_country,
                    tax_number_hash = v.tax_number_hash, tax_number_last2 = v.tax_number_last2,
                    import_fingerprint = v.import_fingerprint, status = 'ELIGIBLE', reference_date = ?,
                    last_import_id = ?, updated_at = ?
                from unnest(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) as v(""" + HOUSEHOLD_COLUMNS + """
                )
                where h.tenant_id = ? and h.id = cast(v.id as uuid)""")) {
            int i = 1;
            ps.setObject(i++, target.categoryId());
            ps.setObject(i++, target.referenceDate());
            ps.setObject(i++, target.importId());
            ps.setTimestamp(i++, Timestamp.from(target.now()));
            i = setHouseholdArrays(connection, ps, i, households, ids, fingerprints);
            ps.setObject(i, target.tenant().value());
            ps.executeUpdate();
        }
    }

    private static int setHouseholdArrays(Connection connection, PreparedStatement ps, int first,
                                          List<RegisterRows.Household> households, Map<RegisterRows.Household, UUID> ids,
                                          Map<RegisterRows.Household, String> fingerprints) throws SQLException {
        int n = households.size();
        String[][] columns = new String[17][n];
        for (int r = 0; r < n; r++) {
            RegisterRows.Household h = households.get(r);
            String[] values = {ids.get(h).toString(), h.externalKey(), h.displayName(), h.street(), h.houseNumber(),
                    h.box(), h.postcode(), h.municipality(), h.postalName(), h.postalLine1(), h.postalLine2(),
                    h.postalPostcode(), h.postalCity(), h.postalCountry(), h.taxHash(), h.taxLast2(), fingerprints.get(h)};
            for (int c = 0; c < values.length; c++) {
                columns[c][r] = values[c];
            }
        }
        int i = first;
        for (String[] column : columns) {
            ps.setArray(i++, connection.createArrayOf("text", column));
        }
        return i;
    }

    private void writeMembers(Connection connection, Target target, List<RegisterRows.Household> households,
                              Map<RegisterRows.Household, UUID> ids) throws SQLException {
        if (households.isEmpty()) {
            return;
        }
        List<UUID> householdIds = households.stream().map(ids::get).toList();
        List<String> hashes = new ArrayList<>();
        for (RegisterRows.Household h : households) {
            for (RegisterRows.Member m : h.members()) {
                if (m.nrnHash() != null) {
                    hashes.add(m.nrnHash());
                }
            }
        }
        Map<String, ExistingMember> byHash = new HashMap<>();
        Map<String, ExistingMember> byHouseholdKey = new HashMap<>();
        List<ExistingMember> ofTheseHouseholds = new ArrayList<>();
        Set<UUID> batchHouseholds = new HashSet<>(householdIds);
        try (PreparedStatement ps = connection.prepareStatement("""
                select id, household_id, nrn_hash, first_name, last_name, birth_date from savings_household_member
                where tenant_id = ? and household_id = any(cast(? as uuid[]))
                union
                select id, household_id, nrn_hash, first_name, last_name, birth_date from savings_household_member
                where tenant_id = ? and programme_id = ? and nrn_hash = any(cast(? as bpchar[]))""")) {
            ps.setObject(1, target.tenant().value());
            ps.setArray(2, connection.createArrayOf("uuid", householdIds.toArray()));
            ps.setObject(3, target.tenant().value());
            ps.setObject(4, target.programmeId());
            ps.setArray(5, connection.createArrayOf("text", hashes.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String hash = rs.getString(3);
                    LocalDate birth = rs.getObject(6, LocalDate.class);
                    var member = new RegisterRows.Member(0, hash, null, rs.getString(4), rs.getString(5), birth);
                    var existing = new ExistingMember(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), hash,
                            member.key());
                    if (hash != null) {
                        byHash.put(hash, existing);
                    } else {
                        byHouseholdKey.put(existing.householdId() + "/" + existing.key(), existing);
                    }
                    if (batchHouseholds.contains(existing.householdId())) {
                        ofTheseHouseholds.add(existing);
                    }
                }
            }
        }
        Set<UUID> kept = new HashSet<>();
        List<String[]> updates = new ArrayList<>();
        List<String[]> inserts = new ArrayList<>();
        for (RegisterRows.Household h : households) {
            UUID householdId = ids.get(h);
            for (RegisterRows.Member m : h.members()) {
                ExistingMember found = m.nrnHash() != null ? byHash.get(m.nrnHash())
                        : byHouseholdKey.get(householdId + "/" + m.key());
                String birth = m.birthDate() == null ? null : m.birthDate().toString();
                if (found != null && kept.add(found.id())) {
                    updates.add(new String[]{found.id().toString(), householdId.toString(), m.firstName(), m.lastName(), birth});
                } else {
                    inserts.add(new String[]{UUID.randomUUID().toString(), householdId.toString(), m.nrnHash(),
                            m.nrnLast2(), m.firstName(), m.lastName(), birth});
                }
            }
        }
        List<UUID> removed = ofTheseHouseholds.stream().map(ExistingMember::id).filter(id -> !kept.contains(id)).toList();
        if (!removed.isEmpty()) {
            // An adult who enrolled on the card stays on it: the enrolment refers to them.
            try (PreparedStatement ps = connection.prepareStatement("""
                    delete from savings_household_member m
                    where m.tenant_id = ? and m.id = any(cast(? as uuid[]))
                      and not exists (select 1 from savings_enrolment e where e.tenant_id = m.tenant_id and e.member_id = m.id)""")) {
                ps.setObject(1, target.tenant().value());
                ps.setArray(2, connection.createArrayOf("uuid", removed.toArray()));
                ps.executeUpdate();
            }
        }
        if (!updates.isEmpty()) {
            try (PreparedStatement ps = connection.prepareStatement("""
                    update savings_household_member m set household_id = cast(v.household_id as uuid),
                        first_name = v.first_name, last_name = v.last_name, birth_date = cast(v.birth_date as date)
                    from unnest(?, ?, ?, ?, ?) as v(id, household_id, first_name, last_name, birth_date)
                    where m.tenant_id = ? and m.id = cast(v.id as uuid)""")) {
                setColumns(connection, ps, 1, updates, 5);
                ps.setObject(6, target.tenant().value());
                ps.executeUpdate();
            }
        }
        if (!inserts.isEmpty()) {
            try (PreparedStatement ps = connection.prepareStatement("""
                    insert into savings_household_member (id, tenant_id, household_id, programme_id, nrn_hash, nrn_last2,
                        first_name, last_name, birth_date, created_at)
                    select cast(v.id as uuid), ?, cast(v.household_id as uuid), ?, v.nrn_hash, v.nrn_last2, v.first_name,
                        v.last_name, cast(v.birth_date as date), ?
                    from unnest(?, ?, ?, ?, ?, ?, ?) as v(id, household_id, nrn_hash, nrn_last2, first_name, last_name, birth_date)""")) {
                ps.setObject(1, target.tenant().value());
                ps.setObject(2, target.programmeId());
                ps.setTimestamp(3, Timestamp.from(target.now()));
                setColumns(connection, ps, 4, inserts, 7);
                ps.executeUpdate();
            }
        }
    }

    private static void setColumns(Connection connection, PreparedStatement ps, int first, List<String[]> rows, int width)
            throws SQLException {
        for (int c = 0; c < width; c++) {
            String[] column = new String[rows.size()];
            for (int r = 0; r < rows.size(); r++) {
                column[r] = rows.get(r)[c];
            }
            ps.setArray(first + c, connection.createArrayOf("text", column));
        }
    }
}
