package eu.localeconomy.savings.conversion;

import eu.localeconomy.audit.AuditLog;
import eu.localeconomy.job.JobFailedException;
import eu.localeconomy.job.JobHandler;
import eu.localeconomy.job.JobRun;
import eu.localeconomy.job.JobView;
import eu.localeconomy.job.Jobs;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.TenantId;
import eu.localeconomy.tenant.Tenant;
import eu.localeconomy.tenant.Tenants;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Executes a conversion chunk by chunk, in card id order. Each chunk is one transaction: the set-based conversion of
 * its cards, the execution's running totals and resume position, and the job's checkpoint commit together. A run
 * resumed after a crash continues after the last committed chunk; even from the start it could not convert a card
 * twice (the ledger's idempotency key 'conversion:' || card id).
 */
@Component
class ConversionJob implements JobHandler {

    static final String KIND = "savings.conversion";
    static final String CONVERSION = "conversion";
    /** Optional parameter: cards per chunk (tests use small chunks). */
    static final String CHUNK = "chunk";
    static final int DEFAULT_CHUNK = 5_000;
    /** Optional parameter: chunks converted at the same time, each in its own transaction and connection. */
    static final String PARALLEL = "parallel";
    static final int DEFAULT_PARALLEL = 2;

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ConversionJob.class);

    private final ConversionStore store;
    private final Tenants tenants;
    private final Jobs jobs;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final Clock clock;

    ConversionJob(ConversionStore store, Tenants tenants, Jobs jobs, AuditLog audit, TransactionTemplate transactions,
                  Clock clock) {
        this.store = store;
        this.tenants = tenants;
        this.jobs = jobs;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void run(JobRun run) {
        TenantId tenant = run.tenant();
        UUID id;
        int chunkSize;
        int parallel;
        try {
            id = UUID.fromString(run.parameters().get(CONVERSION));
            chunkSize = Integer.parseInt(run.parameters().getOrDefault(CHUNK, String.valueOf(DEFAULT_CHUNK)));
            parallel = Math.max(1, Integer.parseInt(run.parameters().getOrDefault(PARALLEL, String.valueOf(DEFAULT_PARALLEL))));
        } catch (RuntimeException e) {
            throw new JobFailedException(KIND + ".error.failed", e);
        }
        Conversion conversion = store.find(tenant, id).orElseThrow(() -> new JobFailedException(KIND + ".error.failed"));
        if (conversion.status() == Conversion.Status.DONE) {
            // The last transaction committed before the node stopped: only the job's summary is missing.
            run.summary(conversion.report().summary());
            return;
        }
        if (conversion.status() != Conversion.Status.RUNNING) {
            throw new JobFailedException(KIND + ".error.failed");
        }
        Tenant owner = tenants.findById(tenant).orElseThrow();
        try {
            convert(run, owner, conversion, chunkSize, parallel);
        } catch (InterruptedException e) {
            // This node is stopping: the conversion stays RUNNING and the queued job resumes it.
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (e.getClass().getPackageName().equals(JobRun.class.getPackageName())) {
                throw e; // the job module's own signal (another node took the job over): it handles it
            }
            // The committed chunks stay converted (they are correct ledger transactions); a new execution continues.
            transactions.executeWithoutResult(s -> store.finish(tenant, id, Conversion.Status.FAILED, null, clock.instant()));
            audit.record(Actor.SYSTEM, tenant, "savings.conversion.failed", "savings_conversion", id, Map.of());
            throw new JobFailedException(KIND + ".error.failed", e);
        }
    }

    private void convert(JobRun run, Tenant owner, Conversion conversion, int chunkSize, int parallel)
            throws InterruptedException {
        TenantId tenant = owner.id();
        UUID id = conversion.id();
        UUID programme = conversion.programmeId();
        LocalDate businessDate = LocalDate.now(clock.withZone(owner.zone()));
        long started = System.nanoTime();
        transactions.executeWithoutResult(s -> store.start(tenant, id, programme));
        Conversion now = store.find(tenant, id).orElseThrow();
        long total = now.cardsTotal();
        long done = now.cardsConverted();
        UUID next = store.lastCard(tenant, id).orElse(null);
        boolean exhausted = false;
        // Chunks have disjoint card id ranges, so they run in parallel without waiting on each other's locks. The
        // resume position only moves over chunks that all committed, in order; a chunk that committed beyond it is
        // found converted by a resumed run (the idempotency key) and counts nothing twice.
        Deque<Future<ConversionStore.Chunk>> running = new ArrayDeque<>();
        ExecutorService pool = Executors.newFixedThreadPool(parallel, Thread.ofPlatform().name("conversion-", 1).factory());
        try {
            while (true) {
                while (!exhausted && running.size() < parallel) {
                    Optional<UUID> upper = store.upperBound(tenant, programme, next, chunkSize);
                    if (upper.isEmpty()) {
                        exhausted = true;
                        break;
                    }
                    UUID after = next;
                    next = upper.get();
                    running.add(pool.submit(() -> transactions.execute(s -> {
                        ConversionStore.Chunk c = store.convert(tenant, programme, after, upper.get(),
                                conversion.requestedBy(), owner.currency(), businessDate, clock.instant());
                        store.addTotals(tenant, id, c);
                        return c;
                    })));
                }
                if (running.isEmpty()) {
                    break;
                }
                ConversionStore.Chunk chunk;
                try {
                    chunk = running.poll().get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
                done += chunk.converted();
                long progressed = done;
                transactions.executeWithoutResult(s -> {
                    store.moveCursor(tenant, id, chunk.lastCard());
                    run.progress(progressed, Math.max(total, progressed), 0, progressed);
                });
                if (run.cancelRequested()) {
                    waitFor(running);
                    boolean byUser = jobs.find(tenant, run.id()).map(JobView::cancelRequested).orElse(false);
                    if (byUser) {
                        // Stopped by the city: what was converted stays converted; a new execution continues.
                        transactions.executeWithoutResult(s -> store.finish(tenant, id, Conversion.Status.FAILED, null, clock.instant()));
                        audit.record(Actor.SYSTEM, tenant, "savings.conversion.cancelled", "savings_conversion", id, Map.of());
                    }
                    return; // otherwise the node is shutting down: the job is queued again and resumes here
                }
            }
        } finally {
            waitFor(running);
            pool.shutdown();
        }
        long converted = System.nanoTime();
        Conversions.Report report = transactions.execute(s -> {
            Conversions.Report r = store.report(tenant, id, programme, owner.currency());
            store.finish(tenant, id, Conversion.Status.DONE, r, clock.instant());
            Map<String, Object> details = new LinkedHashMap<>(r.summary());
            details.put("creditBeforeCents", r.creditBeforeCents());
            details.put("voucherBeforeCents", r.voucherBeforeCents());
            audit.record(Actor.SYSTEM, tenant, "savings.conversion.finished", "savings_conversion", id, details);
            run.progress(r.cardsConverted(), Math.max(total, r.cardsConverted()), 0, r.cardsConverted());
            return r;
        });
        log.info("Conversion {}: {} cards converted in {} ms, report in {} ms, balanced {}", id, report.cardsConverted(),
                (converted - started) / 1_000_000, (System.nanoTime() - converted) / 1_000_000, report.balanced());
        run.summary(report.summary());
    }

    /** Lets the chunks still running end (commit or roll back) before the job reports its outcome. */
    private static void waitFor(Deque<Future<ConversionStore.Chunk>> running) {
        for (Future<ConversionStore.Chunk> chunk : running) {
            try {
                chunk.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException ignored) {
                // its transaction rolled back; the first failure is the one reported
            }
        }
        running.clear();
    }
}
