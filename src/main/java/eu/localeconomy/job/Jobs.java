package eu.localeconomy.job;

import eu.localeconomy.audit.AuditLog;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.TenantId;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;

/** Submits, shows and cancels jobs. Every method takes the tenant: a job of another tenant does not exist here. */
@Service
public class Jobs {

    private static final int MAX_RECENT = 100;

    private final JobStore store;
    private final JobWorker worker;
    private final AuditLog audit;
    private final Clock clock;

    Jobs(JobStore store, JobWorker worker, AuditLog audit, Clock clock) {
        this.store = store;
        this.worker = worker;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Queues a job, in the caller's transaction if there is one: the job exists only if the caller's change commits.
     * A worker of this node starts it right after the commit; parameters must not contain personal data.
     */
    @Transactional
    public UUID submit(TenantId tenant, String kind, Map<String, String> parameters, Actor actor) {
        if (!worker.handlers().containsKey(kind)) {
            throw new IllegalArgumentException("No job handler for kind " + kind);
        }
        UUID id = UUID.randomUUID();
        store.insert(id, tenant, kind, Map.copyOf(parameters), actor.actorId(), clock.instant());
        audit.record(actor, tenant, "job.submitted", "job", id, Map.of("kind", kind));
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    worker.wake();
                }
            });
        } else {
            worker.wake();
        }
        return id;
    }

    public Optional<JobView> find(TenantId tenant, UUID id) {
        return store.find(tenant, id);
    }

    /** The latest jobs of the tenant, newest first; {@code kind} null for every kind. At most 100. */
    public List<JobView> recent(TenantId tenant, String kind, int limit) {
        return store.recent(tenant, kind, Math.max(0, Math.min(limit, MAX_RECENT)));
    }

    /**
     * Cancels a queued job at once; a running one is asked to stop at its next safe point (its handler decides where).
     * A finished job, or one of another tenant, is left alone.
     */
    @Transactional
    public void cancel(TenantId tenant, UUID id, Actor actor) {
        boolean cancelled = store.cancelQueued(tenant, id, clock.instant());
        boolean requested = !cancelled && store.requestCancel(tenant, id);
        if (cancelled || requested) {
            audit.record(actor, tenant, "job.cancelled", "job", id, Map.of("whileRunning", requested));
        }
    }

    /** Waits until the job has finished or the timeout passed, and returns it as it then is. For tests and benches. */
    public JobView await(TenantId tenant, UUID id, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            JobView job = find(tenant, id).orElseThrow(() -> new NoSuchElementException("No job " + id));
            if (job.finished() || Instant.now().isAfter(deadline)) {
                return job;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return job;
            }
        }
    }
}
