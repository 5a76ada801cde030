package eu.localeconomy.savings.card;

import eu.localeconomy.shared.TenantId;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs batch generation in the background, one batch at a time per node (it is CPU-bound: two at once would only
 * share the cores).
 */
@Component
class IssuanceLauncher {

    private static final Logger log = LoggerFactory.getLogger(IssuanceLauncher.class);

    private final IssuanceBatches batches;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("issuance").daemon().factory());

    IssuanceLauncher(IssuanceBatches batches) {
        this.batches = batches;
    }

    void launch(TenantId tenant, UUID batchId) {
        executor.execute(() -> {
            try {
                batches.generate(tenant, batchId, IssuanceBatches.Progress.NONE);
            } catch (RuntimeException e) {
                // The batch is marked FAILED with its error; the stack trace is logged by generate.
                log.debug("issuance batch {} ended with an error", batchId);
            }
        });
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
