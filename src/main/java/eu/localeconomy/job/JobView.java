package eu.localeconomy.job;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A job as shown on screen and returned to callers. */
public record JobView(UUID id, String kind, JobStatus status, Map<String, String> parameters, long total, long done,
                      long failed, Map<String, Object> summary, String errorKey, boolean cancelRequested,
                      UUID createdBy, Instant createdAt, Instant startedAt, Instant finishedAt, int attempts) {

    /** Whole percent of the work done; 100 once the job succeeded, even when it had nothing to do. */
    public int percent() {
        if (status == JobStatus.SUCCEEDED) {
            return 100;
        }
        if (total <= 0) {
            return 0;
        }
        return (int) Math.min(100, done * 100 / total);
    }

    public boolean finished() {
        return status.finished();
    }

    /** Message key of the kind's name: {@code <kind>.label}, in the bundle of the module that owns the kind. */
    public String kindLabelKey() {
        return kind + ".label";
    }
}
