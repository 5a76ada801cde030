package eu.localeconomy.job;

import eu.localeconomy.audit.AuditLog;
import eu.localeconomy.shared.Actor;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs jobs on this node: claims them from the shared table (so each runs once across nodes), keeps their heartbeat,
 * resumes the jobs of nodes that died, and records how each ended.
 */
@Component
class JobWorker {

    private static final Logger log = LoggerFactory.getLogger(JobWorker.class);

    private final JobStore store;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final JobProperties properties;
    private final ObjectProvider<JobHandler> handlerBeans;
    private volatile Map<String, JobHandler> handlers;
    private final Semaphore slots;
    private final ExecutorService runners;
    private final ExecutorService waker;
    private final AtomicBoolean wakePending = new AtomicBoolean();
    private final Map<UUID, Integer> running = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    // Handlers are looked up on first use: they may themselves submit jobs (through Jobs, which needs this worker).
    JobWorker(JobStore store, AuditLog audit, TransactionTemplate transactions, Clock clock, JobProperties properties,
              ObjectProvider<JobHandler> handlers) {
        this.store = store;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
        this.properties = properties;
        this.handlerBeans = handlers;
        this.slots = new Semaphore(Math.max(1, properties.threads()));
        AtomicInteger n = new AtomicInteger();
        this.runners = Executors.newFixedThreadPool(Math.max(1, properties.threads()),
                r -> new Thread(r, "job-" + n.incrementAndGet()));
        this.waker = Executors.newSingleThreadExecutor(r -> new Thread(r, "job-waker"));
    }

    /** The handlers by kind; two handlers for one kind are a programming error. */
    Map<String, JobHandler> handlers() {
        Map<String, JobHandler> byKind = handlers;
        if (byKind == null) {
            byKind = new HashMap<>();
            for (JobHandler handler : handlerBeans.orderedStream().toList()) {
                if (byKind.put(handler.kind(), handler) != null) {
                    throw new IllegalStateException("Two job handlers for kind " + handler.kind());
                }
            }
            handlers = byKind = Map.copyOf(byKind);
        }
        return byKind;
    }

    @Scheduled(fixedDelayString = "${app.jobs.poll-interval:1s}", initialDelayString = "${app.jobs.poll-interval:1s}")
    void scheduledPoll() {
        poll();
    }

    /** Polls now on a background thread (after a submit on this node), instead of at the next scheduled poll. */
    void wake() {
        if (properties.enabled() && !stopping && wakePending.compareAndSet(false, true)) {
            try {
                waker.execute(() -> {
                    wakePending.set(false);
                    poll();
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                wakePending.set(false); // shutting down: nothing more to start
            }
        }
    }

    synchronized void poll() {
        if (!properties.enabled() || stopping) {
            return;
        }
        try {
            Instant now = clock.instant();
            Instant staleBefore = now.minus(properties.staleAfter());
            store.heartbeat(running, now);
            for (var abandoned : transactions.execute(s -> store.cancelAbandoned(now, staleBefore))) {
                audit.record(Actor.SYSTEM, abandoned.tenant(), "job.finished", "job", abandoned.id(),
                        Map.of("kind", abandoned.kind(), "status", JobStatus.CANCELLED.name()));
            }
            while (slots.tryAcquire()) {
                Optional<JobStore.Claimed> claimed = transactions.execute(s -> store.claim(now, staleBefore));
                if (claimed.isEmpty()) {
                    slots.release();
                    break;
                }
                JobStore.Claimed job = claimed.get();
                running.put(job.id(), job.attempts());
                runners.execute(() -> {
                    try {
                        run(job);
                    } finally {
                        running.remove(job.id());
                        slots.release();
                        wake(); // the next queued job need not wait for the next poll
                    }
                });
            }
        } catch (RuntimeException e) {
            // A database hiccup must not kill the scheduled poll; the next one tries again.
            log.warn("Job poll failed: {}", e.getClass().getName());
        }
    }

    private void run(JobStore.Claimed job) {
        MDC.put("tenant", job.tenant().toString());
        try {
            if (job.attempts() > properties.maxAttempts()) {
                finish(job, JobStatus.FAILED, "job.error.tooManyAttempts");
                return;
            }
            JobHandler handler = handlers().get(job.kind());
            if (handler == null) {
                finish(job, JobStatus.FAILED, "job.error.unknownKind");
                return;
            }
            if (job.attempts() > 1) {
                log.info("Resuming job {} ({}) from checkpoint {}, attempt {}", job.id(), job.kind(), job.checkpoint(),
                        job.attempts());
            }
            var run = new Run(job);
            try {
                handler.run(run);
                if (run.userCancel) {
                    finish(job, JobStatus.CANCELLED, null);
                } else if (stopping) {
                    store.requeue(job.id(), job.attempts());
                } else {
                    finish(job, JobStatus.SUCCEEDED, null);
                }
            } catch (JobLostException e) {
                log.warn("Job {} ({}) was taken over by another node; this attempt stops", job.id(), job.kind());
            } catch (Exception e) {
                if (stopping) {
                    store.requeue(job.id(), job.attempts());
                    return;
                }
                String key = e instanceof JobFailedException failed ? failed.messageKey() : "job.error.unexpected";
                // Exception messages may quote the data being processed (names, numbers): only the type and place.
                Throwable root = e;
                while (root.getCause() != null && root.getCause() != root) {
                    root = root.getCause();
                }
                StackTraceElement at = root.getStackTrace().length > 0 ? root.getStackTrace()[0] : null;
                log.warn("Job {} ({}) failed with {}: {} at {}", job.id(), job.kind(), key, root.getClass().getName(), at);
                finish(job, JobStatus.FAILED, key);
            }
        } catch (RuntimeException e) {
            // Recording the end failed (database gone): the heartbeat stops and another node resumes the job.
            log.warn("Job {} ({}) could not be recorded: {}", job.id(), job.kind(), e.getClass().getName());
        } finally {
            MDC.remove("tenant");
        }
    }

    private void finish(JobStore.Claimed job, JobStatus status, String errorKey) {
        transactions.executeWithoutResult(s -> {
            if (store.finish(job.id(), job.attempts(), status, errorKey, clock.instant())) {
                Map<String, Object> details = new HashMap<>();
                details.put("kind", job.kind());
                details.put("status", status.name());
                if (errorKey != null) {
                    details.put("error", errorKey);
                }
                audit.record(Actor.SYSTEM, job.tenant(), "job.finished", "job", job.id(), details);
            }
        });
    }

    /** Lets the handlers stop at a safe point, then hands unfinished jobs back to the queue for another node. */
    @PreDestroy
    void stop() throws InterruptedException {
        stopping = true;
        waker.shutdownNow();
        runners.shutdown();
        if (!runners.awaitTermination(10, TimeUnit.SECONDS)) {
            runners.shutdownNow();
        }
        running.forEach((id, attempts) -> {
            try {
                store.requeue(id, attempts);
            } catch (RuntimeException e) {
                log.warn("Job {} not handed back on shutdown; it resumes when its heartbeat is stale", id);
            }
        });
    }

    /** Thrown from {@link JobRun} methods when another node has claimed the job since this attempt started. */
    static class JobLostException extends RuntimeException {
        JobLostException() {
            super(null, null, false, false);
        }
    }

    private final class Run implements JobRun {

        private final JobStore.Claimed job;
        private volatile boolean userCancel;
        private volatile long cancelCheckedAt;

        Run(JobStore.Claimed job) {
            this.job = job;
        }

        @Override
        public UUID id() {
            return job.id();
        }

        @Override
        public eu.localeconomy.shared.TenantId tenant() {
            return job.tenant();
        }

        @Override
        public Map<String, String> parameters() {
            return job.parameters();
        }

        @Override
        public long checkpoint() {
            return job.checkpoint();
        }

        @Override
        public void progress(long done, long total, long failed, long checkpoint) {
            Boolean cancel = store.progress(job.id(), job.attempts(), done, total, failed, checkpoint, clock.instant())
                    .orElseThrow(JobLostException::new);
            userCancel |= cancel;
            cancelCheckedAt = System.nanoTime();
        }

        @Override
        public void summary(Map<String, ?> summary) {
            if (!store.summary(job.id(), job.attempts(), summary)) {
                throw new JobLostException();
            }
        }

        @Override
        public boolean cancelRequested() {
            // Handlers may ask on every row: the database is asked at most every 200 ms.
            if (!userCancel && System.nanoTime() - cancelCheckedAt > 200_000_000L) {
                userCancel = store.cancelRequested(job.id(), job.attempts()).orElseThrow(JobLostException::new);
                cancelCheckedAt = System.nanoTime();
            }
            return userCancel || stopping;
        }
    }
}
