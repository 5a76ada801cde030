package eu.localeconomy.savings.card;

import eu.localeconomy.job.JobFailedException;
import eu.localeconomy.job.JobHandler;
import eu.localeconomy.job.JobRun;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.UUID;

/**
 * Generates an issuance batch in the background. The print files are streams that cannot be continued halfway, so a
 * resumed attempt (after a node stopped) prints the batch again from its first card; cards are only marked printed
 * once the whole batch is written, so nothing is counted twice.
 */
@Component
class IssuanceJob implements JobHandler {

    static final String KIND = "savings.card-issuance";
    static final String BATCH = "batch";

    private final IssuanceBatches batches;

    IssuanceJob(IssuanceBatches batches) {
        this.batches = batches;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void run(JobRun run) {
        UUID batchId;
        try {
            batchId = UUID.fromString(run.parameters().get(BATCH));
        } catch (RuntimeException e) {
            throw new JobFailedException(KIND + ".error.failed", e);
        }
        try {
            var batch = batches.generate(run.tenant(), batchId, new IssuanceBatches.Progress() {
                @Override
                public void update(long done, long total) {
                    // Checkpoint 0: a resumed attempt starts the files again (see above).
                    run.progress(done, total, 0, 0);
                }

                @Override
                public boolean stopRequested() {
                    return run.cancelRequested();
                }
            });
            run.summary(Map.of("cards", batch.cardCount()));
        } catch (IssuanceBatches.Stopped stopped) {
            // Cancelled, or this node is shutting down: the worker records which, and requeues on shutdown.
        } catch (RuntimeException e) {
            if (e.getClass().getPackageName().equals(JobRun.class.getPackageName())) {
                throw e; // the job module's own signal (another node took the job over): it handles it
            }
            throw new JobFailedException(KIND + ".error.failed", e);
        }
    }
}
