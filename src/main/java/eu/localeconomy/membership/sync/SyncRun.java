package eu.localeconomy.membership.sync;

import java.time.Instant;
import java.util.UUID;

/** One import run as stored: what it reads, where it stands, what it did. */
public record SyncRun(UUID id, Source source, Mode mode, Status status, UUID jobId, String mapping, Instant since,
                      Instant highWater, String pageUrl, int position, Integer recordsTotal, int created, int updated,
                      int unchanged, int failed, String errorKey, String errorArgument, String fileName,
                      Instant createdAt, Instant finishedAt) {

    public enum Source { TOURINSOFT, CSV }

    public enum Mode { FULL, INCREMENTAL }

    /** PREPARED: a CSV file uploaded, its columns not yet mapped; QUEUED: its job is queued or running. */
    public enum Status { PREPARED, QUEUED, SUCCEEDED, FAILED, CANCELLED }

    public int processed() {
        return created + updated + unchanged + failed;
    }

    public boolean finished() {
        return status == Status.SUCCEEDED || status == Status.FAILED || status == Status.CANCELLED;
    }
}
