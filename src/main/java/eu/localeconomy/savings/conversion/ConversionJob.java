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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

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
        try {
            id = UUID.fromString(run.parameters().get(CONVERSION));
            chunkSize = Integer.parseInt(run.parameters().getOrDefault(CHUNK, String.valueOf(DEFAULT_CHUNK)));
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
            convert(run, owner, conversion, chunkSize);
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

    private void convert(JobRun run, Tenant owner, Conversion conversion, int chunkSize) {
        TenantId tenant = owner.id();
        UUID id = conversion.id();
        UUID programme = conversion.programmeId();
        LocalDate businessDate = LocalDate.now(clock.withZone(owner.zone()));
        long started = System.nanoTime();
        transactions.executeWithoutResult(s -> store.start(tenant, id, programme));
        Conversion now = store.find(tenant, id).orElseThrow();
        long total = now.cardsTotal();
        long done = now.cardsConverted();
        while (true) {
            if (run.cancelRequested()) {
                boolean byUser = jobs.find(tenant, run.id()).map(JobView::cancelRequested).orElse(false);
                if (byUser) {
                    // Stopped by the city: what was converted stays converted; a new execution continues.
                    transactions.executeWithoutResult(s -> store.finish(tenant, id, Conversion.Status.FAILED, null, clock.instant()));
                    audit.record(Actor.SYSTEM, tenant, "savings.conversion.cancelled", "savings_conversion", id, Map.of());
                }
                return; // otherwise the node is shutting down: the job is queued again and resumes here
            }
            long before = done;
            ConversionStore.Chunk chunk = transactions.execute(s -> {
                UUID after = store.lastCard(tenant, id).orElse(null);
                ConversionStore.Chunk c = store.convert(tenant, programme, after, chunkSize, conversion.requestedBy(),
                        owner.currency(), businessDate, clock.instant());
                if (c.lastCard() != null) {
                    store.advance(tenant, id, c);
                    long progressed = before + c.converted();
                    run.progress(progressed, Math.max(total, progressed), 0, progressed);
                }
                return c;
            });
            if (chunk.lastCard() == null) {
                break;
            }
            done += chunk.converted();
        }
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
        log.info("Conversion {}: {} cards converted in {} ms, balanced {}", id, report.cardsConverted(),
                (System.nanoTime() - started) / 1_000_000, report.balanced());
        run.summary(report.summary());
    }
}
