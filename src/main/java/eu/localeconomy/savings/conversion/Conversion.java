package eu.localeconomy.savings.conversion;

import java.time.Instant;
import java.util.UUID;

/**
 * A dry run or an execution of a programme's conversion, as saved.
 *
 * @param dryRun the figures of the dry run (an execution carries those of the dry run it was confirmed from)
 * @param report the reconciliation report of a finished execution; null before
 */
public record Conversion(UUID id, UUID programmeId, Status status, Conversions.DryRun dryRun, UUID jobId,
                         UUID dryRunId, long cardsTotal, long cardsConverted, long convertedCents, long cardsAtCap,
                         Conversions.Report report, UUID requestedBy, Instant createdAt, Instant finishedAt) {

    public enum Status { DRY_RUN, RUNNING, DONE, FAILED }

    public boolean execution() {
        return status != Status.DRY_RUN;
    }
}
