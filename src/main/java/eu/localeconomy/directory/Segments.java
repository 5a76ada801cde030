package eu.localeconomy.directory;

import eu.localeconomy.audit.AuditLog;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.TenantId;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;

/** Saved, named segments of the directory. */
@Service
public class Segments {

    private final JdbcClient jdbc;
    private final Establishments establishments;
    private final DirectoryFields fields;
    private final AuditLog audit;
    private final Clock clock;

    Segments(JdbcClient jdbc, Establishments establishments, DirectoryFields fields, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.establishments = establishments;
        this.fields = fields;
        this.audit = audit;
        this.clock = clock;
    }

    public List<Segment> of(TenantId tenant) {
        return jdbc.sql("select id, name, criteria::text from directory_segment where tenant_id = ? order by lower(name)")
                .param(tenant.value()).query(Segments::segment).list();
    }

    public Optional<Segment> find(TenantId tenant, SegmentId id) {
        return jdbc.sql("select id, name, criteria::text from directory_segment where tenant_id = ? and id = ?")
                .params(tenant.value(), id.value()).query(Segments::segment).optional();
    }

    /**
     * Saves a new segment or renames/redefines one (criteria checked against the tenant's fields). Audited.
     * DirectoryValidationException: name missing, too long or taken ({@code name}), criteria problems (their path).
     */
    @Transactional
    public SegmentId save(TenantId tenant, SegmentId idOrNull, String name, Criterion criterion, Actor actor) {
        List<DirectoryValidationException.Problem> problems = new ArrayList<>();
        String n = name == null ? "" : name.trim();
        if (n.isEmpty()) {
            problems.add(new DirectoryValidationException.Problem("name", "directory.error.required"));
        } else if (n.length() > 120) {
            problems.add(new DirectoryValidationException.Problem("name", "directory.error.tooLong", 120));
        }
        Criterion c = criterion == null ? Criterion.everyone() : criterion;
        problems.addAll(Criteria.check(c, fields.of(tenant)));
        if (!problems.isEmpty()) {
            throw new DirectoryValidationException(problems);
        }
        Timestamp now = Timestamp.from(clock.instant());
        UUID id = idOrNull == null ? UUID.randomUUID() : idOrNull.value();
        try {
            if (idOrNull == null) {
                jdbc.sql("""
                                insert into directory_segment (id, tenant_id, name, criteria, created_by, created_at, updated_at)
                                values (?, ?, ?, cast(? as jsonb), ?, ?, ?)""")
                        .params(id, tenant.value(), n, Criteria.toJson(c), actor == null ? null : actor.actorId(), now, now)
                        .update();
            } else if (jdbc.sql("""
                            update directory_segment set name = ?, criteria = cast(? as jsonb), updated_at = ?
                            where tenant_id = ? and id = ?""")
                    .params(n, Criteria.toJson(c), now, tenant.value(), id).update() == 0) {
                throw new NoSuchElementException("no segment " + id);
            }
        } catch (DuplicateKeyException e) {
            throw new DirectoryValidationException("name", "directory.segment.error.nameTaken");
        }
        audit.record(actor, tenant, idOrNull == null ? "directory.segment.create" : "directory.segment.update",
                "directory_segment", id, Map.of());
        return new SegmentId(id);
    }

    /** Deletes a segment; DirectoryValidationException ({@code directory.segment.error.inUse}) while a campaign uses it. */
    @Transactional
    public void delete(TenantId tenant, SegmentId id, Actor actor) {
        int deleted;
        try {
            deleted = jdbc.sql("delete from directory_segment where tenant_id = ? and id = ?")
                    .params(tenant.value(), id.value()).update();
        } catch (DataIntegrityViolationException e) {
            throw new DirectoryValidationException("segment", "directory.segment.error.inUse");
        }
        if (deleted == 1) {
            audit.record(actor, tenant, "directory.segment.delete", "directory_segment", id.value(), Map.of());
        }
    }

    /** The establishments a criterion matches now, in name order. */
    public List<Establishment> members(TenantId tenant, Criterion criterion) {
        return establishments.all(tenant).stream().filter(e -> Criteria.matches(criterion, e)).toList();
    }

    private static Segment segment(ResultSet rs, int n) throws SQLException {
        return new Segment(new SegmentId(rs.getObject(1, UUID.class)), rs.getString(2), Criteria.fromJson(rs.getString(3)));
    }
}
