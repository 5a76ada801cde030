package eu.localeconomy.directory;

import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.TenantId;
import org.springframework.stereotype.Service;

import java.util.List;
import java.util.Optional;

/** Saved, named segments of the directory. */
@Service
public class Segments {

    public List<Segment> of(TenantId tenant) {
        throw new UnsupportedOperationException("directory helper");
    }

    public Optional<Segment> find(TenantId tenant, SegmentId id) {
        throw new UnsupportedOperationException("directory helper");
    }

    /** Saves a new segment or renames/redefines one (criteria checked against the tenant's fields). Audited. */
    public SegmentId save(TenantId tenant, SegmentId idOrNull, String name, Criterion criterion, Actor actor) {
        throw new UnsupportedOperationException("directory helper");
    }

    public void delete(TenantId tenant, SegmentId id, Actor actor) {
        throw new UnsupportedOperationException("directory helper");
    }

    /** The establishments a criterion matches now, in name order. */
    public List<Establishment> members(TenantId tenant, Criterion criterion) {
        throw new UnsupportedOperationException("directory helper");
    }
}
