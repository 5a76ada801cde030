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
import org.springframework.transaction.support.TransactionTemplate;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Runs an import (Tourinsoft feed or CSV file). Each record is its own transaction: its upsert, its outcome in the
 * run's counts, the resume point (page URL + position) and the job's progress commit together, so a run that stops
 * leaves every record before the resume point imported and none after it, and a resumed run continues there.
 */
@Component
class SyncImportJob implements JobHandler {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SyncImportJob.class);

    private final SyncStore store;
    private final TourinsoftImports tourinsoft;
    private final CsvImports csv;
    private final Establishments establishments;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final TourinsoftFeed feed = TourinsoftFeed.withDefaults();

    SyncImportJob(SyncStore store, TourinsoftImports tourinsoft, CsvImports csv, Establishments establishments,
                  AuditLog audit, TransactionTemplate transactions, Clock clock) {
        this.store = store;
        this.tourinsoft = tourinsoft;
        this.csv = csv;
        this.establishments = establishments;
        this.audit = audit;
        this.transactions = transactions;
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
        long done = run.processed();
        long failed = run.failed();
        while (page != null) {
            TourinsoftFeed.Page records;
            try {
                records = feed.fetch(page);
            } catch (FeedException e) {
                throw fail(tenant, run.id(), e.messageKey(), e.argument());
            }
            long total = records.count() != null ? records.count() : done + records.records().size() - position;
            String url = page.toString();
            if (position == 0) {
                Integer knownTotal = records.count() == null ? null : (int) Math.min(Integer.MAX_VALUE, records.count());
                transactions.executeWithoutResult(s -> store.page(tenant, run.id(), url, knownTotal));
            }
            for (int i = position; i < records.records().size(); i++) {
                if (job.cancelRequested()) {
                    return false;
                }
                RecordMapper.Mapped mapped = mapper.map(records.records().get(i));
                boolean ok = importRecord(job, run.id(), ExternalSystem.TOURINSOFT, mapped, url, i + 1, ++done,
                        Math.max(total, done), failed);
                if (!ok) {
                    failed++;
                }
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
        long total = rows.size();
        if (run.recordsTotal() == null) {
            transactions.executeWithoutResult(s -> store.total(tenant, run.id(), rows.size()));
        }
        long done = run.processed();
        long failed = run.failed();
        for (int i = run.position(); i < rows.size(); i++) {
            if (job.cancelRequested()) {
                return false;
            }
            boolean ok = importRecord(job, run.id(), ExternalSystem.CSV, mapper.map(rows.get(i)), null, i + 1, ++done,
                    total, failed);
            if (!ok) {
                failed++;
            }
        }
        return true;
    }

    /** One record in its own transaction (a refused upsert rolls back alone, then its failure is recorded). */
    private boolean importRecord(JobRun job, UUID runId, ExternalSystem system, RecordMapper.Mapped mapped,
                                 String pageUrl, int position, long done, long total, long failedBefore) {
        TenantId tenant = job.tenant();
        if (!mapped.ok()) {
            RecordMapper.Problem p = mapped.problems().getFirst();
            failure(job, runId, mapped, pageUrl, position, done, total, failedBefore, p.field(), p.messageKey(),
                    List.of(p.value() == null ? "" : p.value()));
            return false;
        }
        try {
            transactions.executeWithoutResult(s -> {
                EstablishmentDetails details = mapped.details();
                Set<String> fields = new TreeSet<>(mapped.fields());
                if (details.siret() != null && details.siret().matches("\\d{14}")) {
                    OrganisationId organisation = establishments.organisation(tenant, details.siret().substring(0, 9),
                            details.legalName());
                    details = withOrganisation(details, organisation);
                    fields.add("organisation");
                }
                Establishments.Upserted upserted = establishments.upsert(tenant,
                        new ExternalRef(system, mapped.externalId(), mapped.updated()), mapped.hash(), details, fields,
                        Actor.SYSTEM);
                store.outcome(tenant, runId, upserted.outcome(), pageUrl, position, mapped.updated());
                job.progress(done, total, failedBefore, done);
            });
            return true;
        } catch (DirectoryValidationException e) {
            DirectoryValidationException.Problem p = e.problems().getFirst();
            failure(job, runId, mapped, pageUrl, position, done, total, failedBefore, p.field(), p.messageKey(),
                    p.args().stream().map(String::valueOf).toList());
            return false;
        } catch (RuntimeException e) {
            // A record the directory could not store for another reason: reported, the run goes on.
            log.warn("Sync run {}: record at position {} not imported: {}", runId, position, e.toString());
            failure(job, runId, mapped, pageUrl, position, done, total, failedBefore, null,
                    "membership.sync.problem.unexpected", List.of(""));
            return false;
        }
    }

    private void failure(JobRun job, UUID runId, RecordMapper.Mapped mapped, String pageUrl, int position, long done,
                         long total, long failedBefore, String field, String key, List<String> args) {
        transactions.executeWithoutResult(s -> {
            store.failure(job.tenant(), runId, pageUrl, position, mapped.updated(), mapped.externalId(), mapped.name(),
                    field, key, args);
            job.progress(done, total, failedBefore + 1, done);
        });
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
