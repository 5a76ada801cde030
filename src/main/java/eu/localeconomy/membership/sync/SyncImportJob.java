package eu.localeconomy.membership.sync;

import eu.localeconomy.audit.AuditLog;
import eu.localeconomy.directory.DirectoryValidationException;
import eu.localeconomy.directory.EstablishmentDetails;
import eu.localeconomy.directory.Establishments;
import eu.localeconomy.directory.ExternalRef;
import eu.localeconomy.directory.ExternalSystem;
import eu.localeconomy.directory.OrganisationId;
import eu.localeconomy.job.JobFailedException;
import eu.localeconomy.job.JobHandler;
import eu.localeconomy.job.JobRun;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.TenantId;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Runs an import (Tourinsoft feed or CSV file). Records are imported in batches; a batch the directory refuses a record
 * of is done again with a savepoint per record, so that one refused record never takes the others with it. A batch's
 * records, their counts and failures, the resume point
 * (page URL + position) and the job's progress commit together, so a run that stops leaves every record before the
 * resume point imported and none after it, and a resumed run continues there.
 */
@Component
class SyncImportJob implements JobHandler {

    /** Records per transaction: one commit per batch instead of per record (the commit dominated the time). */
    static final int BATCH = 100;
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SyncImportJob.class);

    private final SyncStore store;
    private final TourinsoftImports tourinsoft;
    private final CsvImports csv;
    private final Establishments establishments;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final TransactionTemplate savepoint;
    private final TourinsoftFeed feed;

    SyncImportJob(SyncStore store, TourinsoftImports tourinsoft, CsvImports csv, Establishments establishments,
                  AuditLog audit, TransactionTemplate transactions, Clock clock) {
        this.store = store;
        this.tourinsoft = tourinsoft;
        this.feed = tourinsoft.feed();
        this.csv = csv;
        this.establishments = establishments;
        this.audit = audit;
        this.transactions = transactions;
        this.savepoint = new TransactionTemplate(transactions.getTransactionManager());
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.clock = clock;
    }

    @Override
    public String kind() {
        return TourinsoftImports.JOB_KIND;
    }

    @Override
    public void run(JobRun job) throws Exception {
        TenantId tenant = job.tenant();
        UUID id = UUID.fromString(job.parameters().get("runId"));
        SyncRun run = store.find(tenant, id).orElseThrow(() -> new JobFailedException("membership.sync-import.error.gone"));
        if (run.finished()) {
            job.summary(summary(run));
            return;
        }
        long started = System.nanoTime();
        boolean complete = run.source() == SyncRun.Source.TOURINSOFT ? tourinsoft(job, run) : csv(job, run);
        SyncRun end = store.find(tenant, id).orElseThrow();
        SyncRun.Status status = complete ? SyncRun.Status.SUCCEEDED : SyncRun.Status.CANCELLED;
        transactions.executeWithoutResult(s -> {
            store.finish(tenant, id, status, null, null, clock.instant());
            Map<String, Object> details = new LinkedHashMap<>(summary(end));
            details.put("source", end.source().name());
            details.put("status", status.name());
            audit.record(Actor.SYSTEM, tenant, "membership.sync.finished", "membership_sync_run", id, details);
            job.progress(end.processed(), Math.max(end.processed(), end.recordsTotal() == null ? 0 : end.recordsTotal()),
                    end.failed(), end.processed());
        });
        log.info("Sync run {} ({}): {} records in {} ms, {} failed", id, end.source(), end.processed(),
                (System.nanoTime() - started) / 1_000_000, end.failed());
        job.summary(summary(end));
    }

    /** Reads the feed page after page from the resume point; false when cancelled. */
    private boolean tourinsoft(JobRun job, SyncRun run) {
        TenantId tenant = job.tenant();
        MappingProfile profile = MappingProfile.fromJson(run.mapping());
        RecordMapper mapper = RecordMapper.tourinsoft(profile, tourinsoft.fields(tenant));
        URI page = run.pageUrl() != null ? URI.create(run.pageUrl())
                : TourinsoftFeed.firstPage(profile.feedUrl(), profile.incrementalQuery(), run.since());
        int position = run.position();
        Progress progress = new Progress(run.processed(), run.failed());
        while (page != null) {
            TourinsoftFeed.Page records;
            try {
                records = feed.fetch(page);
            } catch (FeedException e) {
                throw fail(tenant, run.id(), e.messageKey(), e.argument());
            }
            long total = records.count() != null ? records.count()
                    : progress.done + records.records().size() - position;
            String url = page.toString();
            if (position == 0) {
                Integer knownTotal = records.count() == null ? null : (int) Math.min(Integer.MAX_VALUE, records.count());
                transactions.executeWithoutResult(s -> store.page(tenant, run.id(), url, knownTotal));
            }
            List<RecordMapper.Mapped> mapped = new ArrayList<>();
            for (Map<String, Object> record : records.records().subList(position, records.records().size())) {
                mapped.add(mapper.map(record));
            }
            if (!importBatches(job, run.id(), ExternalSystem.TOURINSOFT, mapped, url, position, progress,
                    Math.max(total, progress.done + mapped.size()))) {
                return false;
            }
            page = records.next();
            position = 0;
        }
        return true;
    }

    /** Imports the file's rows from the resume point; false when cancelled. */
    private boolean csv(JobRun job, SyncRun run) {
        TenantId tenant = job.tenant();
        CsvImports.Settings settings = CsvImports.Settings.fromJson(run.mapping());
        byte[] content = store.content(tenant, run.id())
                .orElseThrow(() -> fail(tenant, run.id(), "membership.sync-import.error.gone", null));
        CsvFile file;
        try {
            file = CsvFile.read(content);
        } catch (CsvFile.UnreadableException e) {
            throw fail(tenant, run.id(), e.messageKey(), null);
        }
        RecordMapper mapper = csv.mapper(tenant, settings, file);
        List<Map<String, Object>> rows = file.records();
        if (run.recordsTotal() == null) {
            transactions.executeWithoutResult(s -> store.total(tenant, run.id(), rows.size()));
        }
        List<RecordMapper.Mapped> mapped = new ArrayList<>();
        for (Map<String, Object> row : rows.subList(Math.min(run.position(), rows.size()), rows.size())) {
            mapped.add(mapper.map(row));
        }
        return importBatches(job, run.id(), ExternalSystem.CSV, mapped, null, run.position(),
                new Progress(run.processed(), run.failed()), rows.size());
    }

    /** Records done and failed so far in the run, across pages. */
    private static final class Progress {
        long done;
        long failed;

        Progress(long done, long failed) {
            this.done = done;
            this.failed = failed;
        }
    }

    /**
     * Imports records in transactions of {@link #BATCH}, each record under its own savepoint: a record the directory
     * refuses rolls back alone and is reported, the others of the batch commit with the counts, the resume point
     * ({@code pageUrl} + position after the batch) and the job's progress.
     */
    private boolean importBatches(JobRun job, UUID runId, ExternalSystem system, List<RecordMapper.Mapped> records,
                                  String pageUrl, int firstPosition, Progress progress, long total) {
        for (int from = 0; from < records.size(); from += BATCH) {
            if (job.cancelRequested()) {
                return false;
            }
            List<RecordMapper.Mapped> batch = records.subList(from, Math.min(records.size(), from + BATCH));
            int position = firstPosition + from + batch.size();
            try {
                // Fast path: no savepoints; a record the directory refuses rolls the whole batch back...
                transactions.executeWithoutResult(s -> batch(job, runId, system, batch, pageUrl, position, progress, total, false));
            } catch (RuntimeException refused) {
                // ...and the batch is done again with a savepoint per record, so that only that record fails.
                transactions.executeWithoutResult(s -> batch(job, runId, system, batch, pageUrl, position, progress, total, true));
            }
        }
        return true;
    }

    private void batch(JobRun job, UUID runId, ExternalSystem system, List<RecordMapper.Mapped> batch, String pageUrl,
                       int position, Progress progress, long total, boolean savepoints) {
        TenantId tenant = job.tenant();
        int[] counts = new int[Establishments.Outcome.values().length];
        Instant highWater = null;
        int failed = 0;
        for (RecordMapper.Mapped mapped : batch) {
            if (mapped.updated() != null && (highWater == null || mapped.updated().isAfter(highWater))) {
                highWater = mapped.updated();
            }
            Failure failure = importRecord(tenant, system, mapped, counts, savepoints);
            if (failure != null) {
                failed++;
                store.failure(tenant, runId, mapped.externalId(), mapped.name(), failure.field(), failure.key(),
                        failure.arguments());
            }
        }
        store.counts(tenant, runId, counts[0], counts[1], counts[2], pageUrl, position, highWater);
        // Counted only once the transaction commits: a fast path rolled back must not count its records twice.
        long done = progress.done + batch.size();
        long failedSoFar = progress.failed + failed;
        job.progress(done, Math.max(total, done), failedSoFar, done);
        org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                new org.springframework.transaction.support.TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        progress.done = done;
                        progress.failed = failedSoFar;
                    }
                });
    }

    private record Failure(String field, String key, List<String> arguments) {
    }

    /**
     * One record; its outcome counted, or why it was not imported. With {@code savepoints}, the record's writes are
     * under a savepoint and a refusal is returned; without, a refusal propagates and rolls the batch back.
     */
    private Failure importRecord(TenantId tenant, ExternalSystem system, RecordMapper.Mapped mapped, int[] counts,
                                 boolean savepoints) {
        if (!mapped.ok()) {
            RecordMapper.Problem p = mapped.problems().getFirst();
            return new Failure(p.field(), p.messageKey(), List.of(p.value() == null ? "" : p.value()));
        }
        if (!savepoints) {
            counts[upsert(tenant, system, mapped).ordinal()]++;
            return null;
        }
        try {
            counts[savepoint.execute(s -> upsert(tenant, system, mapped)).ordinal()]++;
            return null;
        } catch (DirectoryValidationException e) {
            DirectoryValidationException.Problem p = e.problems().getFirst();
            return new Failure(p.field(), p.messageKey(), p.args().stream().map(String::valueOf).toList());
        } catch (RuntimeException e) {
            // A record the directory could not store for another reason: reported, the run goes on. Only the
            // exception's class is logged: database messages may quote the record's values (e-mail addresses).
            log.warn("Record of a sync run not imported: {}", e.getClass().getName());
            return new Failure(null, "membership.sync.problem.unexpected", List.of(""));
        }
    }

    private Establishments.Outcome upsert(TenantId tenant, ExternalSystem system, RecordMapper.Mapped mapped) {
        EstablishmentDetails details = mapped.details();
        Set<String> fields = new TreeSet<>(mapped.fields());
        if (details.siret() != null && details.siret().matches("\\d{14}")) {
            OrganisationId organisation = establishments.organisation(tenant, details.siret().substring(0, 9),
                    details.legalName());
            details = withOrganisation(details, organisation);
            fields.add("organisation");
        }
        Establishments.Upserted upserted = establishments.upsert(tenant,
                new ExternalRef(system, mapped.externalId(), mapped.updated()), mapped.hash(), details, fields, Actor.SYSTEM);
        if (upserted.outcome() != Establishments.Outcome.UNCHANGED) {
            // The seasons are in the content hash: an unchanged record has them recorded already.
            for (int season : mapped.seasons()) {
                establishments.recordMembership(tenant, upserted.id(), season, "IMPORT", Actor.SYSTEM);
            }
        }
        return upserted.outcome();
    }

    private static EstablishmentDetails withOrganisation(EstablishmentDetails d, OrganisationId organisation) {
        return new EstablishmentDetails(organisation, d.main(), d.name(), d.legalName(), d.siret(), d.vatNumber(),
                d.type(), d.classificationScheme(), d.classificationValue(), d.capacityPersons(), d.capacityRooms(),
                d.capacityPitches(), d.contactName(), d.email(), d.phone(), d.website(), d.contacts(), d.street(),
                d.postcode(), d.city(), d.country(), d.latitude(), d.longitude(), d.custom());
    }

    private JobFailedException fail(TenantId tenant, UUID id, String key, String argument) {
        transactions.executeWithoutResult(s -> store.finish(tenant, id, SyncRun.Status.FAILED, key, argument, clock.instant()));
        return new JobFailedException("membership.sync-import.error.failed");
    }

    /** Counts only: shown on the job page and written to the audit trail. */
    static Map<String, Object> summary(SyncRun run) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("created", run.created());
        summary.put("updated", run.updated());
        summary.put("unchanged", run.unchanged());
        summary.put("failed", run.failed());
        return summary;
    }
}
