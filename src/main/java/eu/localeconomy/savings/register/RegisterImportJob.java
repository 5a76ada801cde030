package eu.localeconomy.savings.register;

import eu.localeconomy.audit.AuditLog;
import eu.localeconomy.job.JobFailedException;
import eu.localeconomy.job.JobHandler;
import eu.localeconomy.job.JobRun;
import eu.localeconomy.savings.programme.Category;
import eu.localeconomy.savings.programme.Programme;
import eu.localeconomy.savings.programme.Programmes;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.TenantId;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.Charset;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Imports a register file as a job. The whole file is validated first (duplicates need all of it), which is
 * deterministic, so a resumed run finds the same households in the same order and continues after the last batch
 * committed: each batch commits its households, the running counts and the checkpoint together.
 */
@Component
class RegisterImportJob implements JobHandler {

    static final int BATCH = 2000;
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RegisterImportJob.class);

    private final RegisterImportStore store;
    private final RegisterImports imports;
    private final HouseholdWriter writer;
    private final Programmes programmes;
    private final PersonalIdentifiers identifiers;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final Clock clock;

    RegisterImportJob(RegisterImportStore store, RegisterImports imports, HouseholdWriter writer, Programmes programmes,
                      PersonalIdentifiers identifiers, AuditLog audit, TransactionTemplate transactions, Clock clock) {
        this.store = store;
        this.imports = imports;
        this.writer = writer;
        this.programmes = programmes;
        this.identifiers = identifiers;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public String kind() {
        return RegisterImports.JOB_KIND;
    }

    @Override
    public void run(JobRun run) throws Exception {
        TenantId tenant = run.tenant();
        UUID id = UUID.fromString(run.parameters().get("importId"));
        RegisterImport registerImport = store.find(tenant, id)
                .orElseThrow(() -> new JobFailedException("register.import.error.gone"));
        if (registerImport.status() == RegisterImport.Status.DONE) {
            // The last transaction committed before the node stopped: only the summary is missing.
            run.summary(summary(registerImport));
            return;
        }
        if (registerImport.status() != RegisterImport.Status.SUBMITTED) {
            throw new JobFailedException("register.import.error.gone");
        }
        Programme programme = programmes.find(tenant, registerImport.programmeId())
                .orElseThrow(() -> new JobFailedException("register.import.error.gone"));
        Category category;
        try {
            category = imports.category(tenant, programme.id(), registerImport.register());
        } catch (RegisterImportException e) {
            throw fail(tenant, id, e.messageKey());
        }
        byte[] content = store.content(tenant, id).orElseThrow(() -> fail(tenant, id, "register.import.error.gone"));

        long started = System.nanoTime();
        RegisterRows.Result result;
        try {
            String text = RegisterImports.text(content, Charset.forName(registerImport.charset()));
            content = null; // the decoded text is all that is needed from here on
            var rows = new RegisterRows(registerImport.register(), programme.residentIdentifier(),
                    registerImport.referenceDate(), registerImport.mapping(), registerImport.header(),
                    identifiers::hash, identifiers::taxNumberHash);
            result = RegisterRows.read(text, registerImport.delimiter(), rows);
        } catch (RegisterFile.UnreadableException e) {
            throw fail(tenant, id, e.messageKey);
        }

        List<RegisterRows.Household> households = result.households();
        log.info("Register import {}: {} rows read and checked in {} ms, {} households, {} rows with errors", id,
                result.rows(), (System.nanoTime() - started) / 1_000_000, households.size(), result.failedRows());
        long checkpoint = Math.min(run.checkpoint(), households.size());
        long done = result.failedRows() + rowsOf(households.subList(0, (int) checkpoint));
        long total = result.rows();
        long failed = result.failedRows();
        long start = done;
        transactions.executeWithoutResult(s -> {
            store.replaceErrors(tenant, id, result.errors());
            store.rowCounts(tenant, id, result.rows(), result.failedRows());
            run.progress(start, total, failed, checkpoint);
        });
        if (households.isEmpty()) {
            // A full extract without a single valid row would exclude every household: certainly a wrong file.
            throw fail(tenant, id, "register.import.error.noValidRows");
        }

        var target = new HouseholdWriter.Target(tenant, programme.id(), registerImport.register(), category.id(),
                registerImport.referenceDate(), id, clock.instant());
        int analyseAt = 1000;
        for (int from = (int) checkpoint; from < households.size(); from += BATCH) {
            if (run.cancelRequested()) {
                return;
            }
            if (from - (int) checkpoint >= analyseAt) {
                writer.refreshStatistics();
                analyseAt *= 4;
            }
            List<RegisterRows.Household> batch = households.subList(from, Math.min(households.size(), from + BATCH));
            done += rowsOf(batch);
            long batchDone = done;
            int next = from + batch.size();
            transactions.executeWithoutResult(s -> {
                store.addCounts(tenant, id, writer.write(target, batch));
                run.progress(batchDone, total, failed, next);
            });
        }

        log.info("Register import {}: households written in {} ms since start", id, (System.nanoTime() - started) / 1_000_000);
        RegisterImport finished = transactions.execute(s -> {
            int excluded = registerImport.fullExtract()
                    ? writer.excludeUnlisted(target, households.stream().map(RegisterRows.Household::externalKey).toList()) : 0;
            store.finish(tenant, id, RegisterImport.Status.DONE, excluded, clock.instant());
            RegisterImport now = store.find(tenant, id).orElseThrow();
            Map<String, Object> details = new LinkedHashMap<>(summary(now));
            details.put("register", now.register().name());
            audit.record(Actor.SYSTEM, tenant, "register.import.finished", "register-import", id, details);
            run.progress(total, total, failed, households.size() + 1L);
            return now;
        });
        run.summary(summary(finished));
    }

    private JobFailedException fail(TenantId tenant, UUID id, String key) {
        transactions.executeWithoutResult(s -> store.finish(tenant, id, RegisterImport.Status.FAILED, 0, clock.instant()));
        return new JobFailedException(key);
    }

    private static long rowsOf(List<RegisterRows.Household> households) {
        long rows = 0;
        for (RegisterRows.Household household : households) {
            rows += household.rows();
        }
        return rows;
    }

    /** Counts only: the summary is shown on screen and written to the audit trail. */
    static Map<String, Object> summary(RegisterImport registerImport) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("rows", registerImport.rowsTotal());
        summary.put("created", registerImport.householdsCreated());
        summary.put("updated", registerImport.householdsUpdated());
        summary.put("unchanged", registerImport.householdsUnchanged());
        summary.put("excluded", registerImport.householdsExcluded());
        summary.put("failed", registerImport.rowsFailed());
        return summary;
    }
}
