package eu.localeconomy.membership.sync;

import eu.localeconomy.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The membership_sync_* tables. Every statement filters by tenant. */
@Repository
class SyncStore {

    /** A record a run could not import. */
    record Failure(int seq, String externalId, String name, String field, String messageKey, List<String> arguments) {
    }

    private static final String RUN_COLUMNS = """
            id, source, mode, status, job_id, mapping::text as mapping, since, high_water, page_url, position,
            records_total, created, updated, unchanged, failed, error_key, error_argument, file_name, created_at,
            finished_at""";

    private final JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().build();

    SyncStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<MappingProfile> profile(TenantId tenant) {
        return jdbc.sql("select profile::text from membership_sync_profile where tenant_id = ?")
                .param(tenant.value()).query(String.class).optional().map(MappingProfile::fromJson);
    }

    void saveProfile(TenantId tenant, MappingProfile profile, UUID by, Instant at) {
        jdbc.sql("""
                        insert into membership_sync_profile (tenant_id, profile, updated_by, updated_at)
                        values (?, ?::jsonb, ?, ?)
                        on conflict (tenant_id) do update set profile = excluded.profile,
                            updated_by = excluded.updated_by, updated_at = excluded.updated_at""")
                .params(tenant.value(), profile.toJson(), by, Timestamp.from(at)).update();
    }

    void insertRun(TenantId tenant, UUID id, SyncRun.Source source, SyncRun.Mode mode, SyncRun.Status status,
                   String mapping, Instant since, String fileName, byte[] content, UUID by, Instant at) {
        jdbc.sql("""
                        insert into membership_sync_run (id, tenant_id, source, mode, status, mapping, since, high_water,
                            file_name, file_content, created_by, created_at)
                        values (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?)""")
                .params(id, tenant.value(), source.name(), mode.name(), status.name(), mapping, ts(since), ts(since),
                        fileName, content, by, Timestamp.from(at)).update();
    }

    void queued(TenantId tenant, UUID id, String mapping, UUID jobId) {
        jdbc.sql("update membership_sync_run set status = 'QUEUED', mapping = ?::jsonb, job_id = ? where tenant_id = ? and id = ?")
                .params(mapping, jobId, tenant.value(), id).update();
    }

    Optional<SyncRun> find(TenantId tenant, UUID id) {
        return jdbc.sql("select " + RUN_COLUMNS + " from membership_sync_run where tenant_id = ? and id = ?")
                .params(tenant.value(), id).query(SyncStore::run).optional();
    }

    List<SyncRun> recent(TenantId tenant, int limit) {
        return jdbc.sql("select " + RUN_COLUMNS + " from membership_sync_run where tenant_id = ?"
                        + " and status <> 'PREPARED' order by created_at desc limit ?")
                .params(tenant.value(), limit).query(SyncStore::run).list();
    }

    /** The latest Updated read by a successful Tourinsoft run: where the next incremental run starts. */
    Optional<Instant> highWater(TenantId tenant) {
        return jdbc.sql("""
                        select high_water from membership_sync_run where tenant_id = ? and source = 'TOURINSOFT'
                        and status = 'SUCCEEDED' and high_water is not null order by high_water desc limit 1""")
                .param(tenant.value()).query((rs, n) -> rs.getTimestamp(1).toInstant()).optional();
    }

    /** Jobs of the tenant's runs still marked QUEUED (their job may have ended since without finishing the run). */
    List<UUID> queuedJobs(TenantId tenant) {
        return jdbc.sql("select job_id from membership_sync_run where tenant_id = ? and status = 'QUEUED' and job_id is not null")
                .param(tenant.value()).query(UUID.class).list();
    }

    Optional<byte[]> content(TenantId tenant, UUID id) {
        return jdbc.sql("select file_content from membership_sync_run where tenant_id = ? and id = ? and file_content is not null")
                .params(tenant.value(), id).query((rs, n) -> rs.getBytes(1)).optional();
    }

    /** A batch done: its outcomes counted, the resume point and the high-water mark moved, in the caller's transaction. */
    void counts(TenantId tenant, UUID id, int created, int updated, int unchanged, String pageUrl, int position,
                Instant updatedUpTo) {
        jdbc.sql("""
                        update membership_sync_run set created = created + ?, updated = updated + ?,
                            unchanged = unchanged + ?, page_url = ?, position = ?, high_water = greatest(high_water, ?)
                        where tenant_id = ? and id = ?""")
                .params(created, updated, unchanged, pageUrl, position, ts(updatedUpTo), tenant.value(), id).update();
    }

    /** A record not imported: counted and kept with its reason, in the caller's transaction. */
    void failure(TenantId tenant, UUID id, String externalId, String name, String field, String messageKey,
                 List<String> arguments) {
        int seq = jdbc.sql("update membership_sync_run set failed = failed + 1 where tenant_id = ? and id = ? returning failed")
                .params(tenant.value(), id).query(Integer.class).single();
        jdbc.sql("""
                        insert into membership_sync_failure (tenant_id, run_id, seq, external_id, name, field, message_key,
                            arguments) values (?, ?, ?, ?, ?, ?, ?, ?::jsonb)""")
                .params(tenant.value(), id, seq, cut(externalId, 100), cut(name, 200), cut(field, 60), messageKey,
                        json.writeValueAsString(arguments)).update();
    }

    void page(TenantId tenant, UUID id, String pageUrl, Integer total) {
        jdbc.sql("update membership_sync_run set page_url = ?, position = 0,"
                        + " records_total = coalesce(?, records_total) where tenant_id = ? and id = ?")
                .params(pageUrl, total, tenant.value(), id).update();
    }

    void total(TenantId tenant, UUID id, int total) {
        jdbc.sql("update membership_sync_run set records_total = ? where tenant_id = ? and id = ?")
                .params(total, tenant.value(), id).update();
    }

    void finish(TenantId tenant, UUID id, SyncRun.Status status, String errorKey, String errorArgument, Instant at) {
        jdbc.sql("""
                        update membership_sync_run set status = ?, error_key = ?, error_argument = ?, finished_at = ?
                        where tenant_id = ? and id = ?""")
                .params(status.name(), errorKey, cut(errorArgument, 200), Timestamp.from(at), tenant.value(), id).update();
    }

    List<Failure> failures(TenantId tenant, UUID id, int limit) {
        return jdbc.sql("""
                        select seq, external_id, name, field, message_key, arguments::text from membership_sync_failure
                        where tenant_id = ? and run_id = ? order by seq limit ?""")
                .params(tenant.value(), id, limit)
                .query((rs, n) -> new Failure(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), json.readValue(rs.getString(6), new TypeReference<List<String>>() {
                        }))).list();
    }

    private static SyncRun run(ResultSet rs, int n) throws SQLException {
        return new SyncRun(rs.getObject("id", UUID.class), SyncRun.Source.valueOf(rs.getString("source")),
                SyncRun.Mode.valueOf(rs.getString("mode")), SyncRun.Status.valueOf(rs.getString("status")),
                rs.getObject("job_id", UUID.class), rs.getString("mapping"), instant(rs, "since"),
                instant(rs, "high_water"), rs.getString("page_url"), rs.getInt("position"),
                (Integer) rs.getObject("records_total"), rs.getInt("created"), rs.getInt("updated"),
                rs.getInt("unchanged"), rs.getInt("failed"), rs.getString("error_key"), rs.getString("error_argument"),
                rs.getString("file_name"), instant(rs, "created_at"), instant(rs, "finished_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
