package eu.localeconomy.job;

import eu.localeconomy.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The SQL of the {@code job} table. Every read by id also filters by tenant, except the worker's own rows. */
@Component
class JobStore {

    private static final String COLUMNS = """
            id, kind, status, parameters::text, total, done, failed, summary::text, error_key, cancel_requested,
            created_by, created_at, started_at, finished_at, attempts""";
    private static final TypeReference<LinkedHashMap<String, String>> PARAMETERS = new TypeReference<>() { };
    private static final TypeReference<LinkedHashMap<String, Object>> SUMMARY = new TypeReference<>() { };

    private final JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().build();

    JobStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A job as claimed by a worker: what it needs to run it, and the attempt number that fences its writes. */
    record Claimed(UUID id, TenantId tenant, String kind, Map<String, String> parameters, long checkpoint, int attempts) {
    }

    void insert(UUID id, TenantId tenant, String kind, Map<String, String> parameters, UUID createdBy, Instant now) {
        jdbc.sql("""
                        insert into job (id, tenant_id, kind, parameters, status, created_by, created_at)
                        values (?, ?, ?, cast(? as jsonb), 'QUEUED', ?, ?)""")
                .params(id, tenant.value(), kind, json.writeValueAsString(parameters), createdBy, Timestamp.from(now))
                .update();
    }

    Optional<JobView> find(TenantId tenant, UUID id) {
        return jdbc.sql("select " + COLUMNS + " from job where tenant_id = ? and id = ?")
                .params(tenant.value(), id).query(this::view).optional();
    }

    List<JobView> recent(TenantId tenant, String kind, int limit) {
        return jdbc.sql("select " + COLUMNS + " from job where tenant_id = ? and (cast(? as varchar) is null or kind = ?)"
                        + " order by created_at desc limit ?")
                .params(tenant.value(), kind, kind, limit).query(this::view).list();
    }

    /**
     * Claims the oldest job that is queued, or running on a node that stopped beating. Rows locked by another
     * node's claim or by a handler's open transaction are skipped, never waited for.
     */
    Optional<Claimed> claim(Instant now, Instant staleBefore) {
        return jdbc.sql("""
                        update job set status = 'RUNNING', attempts = attempts + 1, heartbeat_at = ?,
                            started_at = coalesce(started_at, ?)
                        where id = (select id from job
                                    where not cancel_requested
                                      and (status = 'QUEUED' or (status = 'RUNNING' and heartbeat_at < ?))
                                    order by created_at limit 1 for update skip locked)
                        returning id, tenant_id, kind, parameters::text, checkpoint, attempts""")
                .params(Timestamp.from(now), Timestamp.from(now), Timestamp.from(staleBefore))
                .query((rs, n) -> new Claimed(rs.getObject(1, UUID.class), new TenantId(rs.getObject(2, UUID.class)),
                        rs.getString(3), json.readValue(rs.getString(4), PARAMETERS), rs.getLong(5), rs.getInt(6)))
                .optional();
    }

    /** A job whose cancellation was asked while its node died is simply cancelled, not resumed. */
    List<Claimed> cancelAbandoned(Instant now, Instant staleBefore) {
        return jdbc.sql("""
                        update job set status = 'CANCELLED', finished_at = ?
                        where id in (select id from job where status = 'RUNNING' and cancel_requested and heartbeat_at < ?
                                     for update skip locked)
                        returning id, tenant_id, kind, parameters::text, checkpoint, attempts""")
                .params(Timestamp.from(now), Timestamp.from(staleBefore))
                .query((rs, n) -> new Claimed(rs.getObject(1, UUID.class), new TenantId(rs.getObject(2, UUID.class)),
                        rs.getString(3), json.readValue(rs.getString(4), PARAMETERS), rs.getLong(5), rs.getInt(6)))
                .list();
    }

    /** Heartbeats of this node's running jobs; a row held by its handler's transaction gets one when that commits. */
    void heartbeat(Map<UUID, Integer> running, Instant now) {
        for (var job : running.entrySet()) {
            jdbc.sql("""
                            update job set heartbeat_at = ?
                            where id in (select id from job where id = ? and attempts = ? and status = 'RUNNING'
                                         for update skip locked)""")
                    .params(Timestamp.from(now), job.getKey(), job.getValue()).update();
        }
    }

    /** Returns whether cancellation was requested, or empty when this attempt no longer owns the job. */
    Optional<Boolean> progress(UUID id, int attempts, long done, long total, long failed, long checkpoint, Instant now) {
        return jdbc.sql("""
                        update job set done = ?, total = ?, failed = ?, checkpoint = ?, heartbeat_at = ?
                        where id = ? and attempts = ? and status = 'RUNNING'
                        returning cancel_requested""")
                .params(done, total, failed, checkpoint, Timestamp.from(now), id, attempts)
                .query(Boolean.class).optional();
    }

    boolean summary(UUID id, int attempts, Map<String, ?> summary) {
        return jdbc.sql("update job set summary = cast(? as jsonb) where id = ? and attempts = ? and status = 'RUNNING'")
                .params(json.writeValueAsString(summary), id, attempts).update() == 1;
    }

    Optional<Boolean> cancelRequested(UUID id, int attempts) {
        return jdbc.sql("select cancel_requested from job where id = ? and attempts = ? and status = 'RUNNING'")
                .params(id, attempts).query(Boolean.class).optional();
    }

    boolean finish(UUID id, int attempts, JobStatus status, String errorKey, Instant now) {
        return jdbc.sql("""
                        update job set status = ?, error_key = ?, finished_at = ?, heartbeat_at = ?
                        where id = ? and attempts = ? and status = 'RUNNING'""")
                .params(status.name(), errorKey, Timestamp.from(now), Timestamp.from(now), id, attempts).update() == 1;
    }

    /** Hands a job this node is giving up (shutdown) back to the queue, to be resumed from its checkpoint. */
    void requeue(UUID id, int attempts) {
        jdbc.sql("update job set status = 'QUEUED', heartbeat_at = null where id = ? and attempts = ? and status = 'RUNNING'")
                .params(id, attempts).update();
    }

    boolean cancelQueued(TenantId tenant, UUID id, Instant now) {
        return jdbc.sql("""
                        update job set status = 'CANCELLED', cancel_requested = true, finished_at = ?
                        where tenant_id = ? and id = ? and status = 'QUEUED'""")
                .params(Timestamp.from(now), tenant.value(), id).update() == 1;
    }

    boolean requestCancel(TenantId tenant, UUID id) {
        return jdbc.sql("""
                        update job set cancel_requested = true
                        where tenant_id = ? and id = ? and status = 'RUNNING' and not cancel_requested""")
                .params(tenant.value(), id).update() == 1;
    }

    private JobView view(ResultSet rs, int row) throws SQLException {
        String summary = rs.getString(8);
        return new JobView(rs.getObject(1, UUID.class), rs.getString(2), JobStatus.valueOf(rs.getString(3)),
                json.readValue(rs.getString(4), PARAMETERS), rs.getLong(5), rs.getLong(6), rs.getLong(7),
                summary == null ? Map.of() : json.readValue(summary, SUMMARY), rs.getString(9), rs.getBoolean(10),
                rs.getObject(11, UUID.class), instant(rs, 12), instant(rs, 13), instant(rs, 14), rs.getInt(15));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
