package eu.localeconomy.savings.register;

import eu.localeconomy.audit.AuditLog;
import eu.localeconomy.job.JobStatus;
import eu.localeconomy.job.JobView;
import eu.localeconomy.job.Jobs;
import eu.localeconomy.savings.programme.Category;
import eu.localeconomy.savings.programme.Programme;
import eu.localeconomy.savings.programme.Programmes;
import eu.localeconomy.savings.programme.Register;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.SpreadsheetText;
import eu.localeconomy.shared.TenantId;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.io.IOException;
import java.nio.charset.Charset;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Register imports: upload a file (read, checked and stored), map its columns, then import it as a job of kind
 * {@value #JOB_KIND}. Every method takes the tenant: another tenant's import does not exist here.
 */
@Service
public class RegisterImports {

    public static final String JOB_KIND = "savings.register-import";
    /** Data rows shown on the mapping screen. */
    public static final int PREVIEW_ROWS = 5;
    private static final Pattern LOOKS_LIKE_NRN = Pattern.compile("\\d{2}[. ]?\\d{2}[. ]?\\d{2}[-. ]?\\d{3}[. ]?\\d{2}");

    private final RegisterImportStore store;
    private final Programmes programmes;
    private final Jobs jobs;
    private final AuditLog audit;
    private final Clock clock;

    RegisterImports(RegisterImportStore store, Programmes programmes, Jobs jobs, AuditLog audit, Clock clock) {
        this.store = store;
        this.programmes = programmes;
        this.jobs = jobs;
        this.audit = audit;
        this.clock = clock;
    }

    public record Upload(UUID programmeId, Register register, LocalDate referenceDate, String fileName, byte[] content) {
    }

    /** The first rows of an uploaded file, with the mapping guessed from its header. */
    public record Preview(List<String> header, List<List<String>> rows, Map<RegisterField, Integer> guessed) {
    }

    /** Reads and checks an uploaded file, stores it and returns the import's id (next: its mapping). */
    @Transactional
    public UUID upload(TenantId tenant, Upload upload, Actor actor) throws RegisterImportException {
        Programme programme = programmes.find(tenant, upload.programmeId())
                .orElseThrow(() -> new RegisterImportException("register.upload.error.programme"));
        category(tenant, programme.id(), upload.register());
        if (upload.content() == null || upload.content().length == 0) {
            throw new RegisterImportException("register.upload.error.empty");
        }
        try {
            RegisterFile.Decoded decoded = RegisterFile.decode(upload.content());
            char delimiter = RegisterFile.delimiter(decoded.text());
            List<List<String>> head = RegisterFile.head(decoded.text(), delimiter, 1);
            if (head.isEmpty() || head.getFirst().stream().allMatch(String::isBlank)) {
                throw new RegisterImportException("register.upload.error.empty");
            }
            if (head.getFirst().size() < 2) {
                throw new RegisterImportException("register.upload.error.columns");
            }
            if (head.size() < 2) {
                throw new RegisterImportException("register.upload.error.noRows");
            }
            UUID id = UUID.randomUUID();
            String name = upload.fileName() == null || upload.fileName().isBlank() ? "register.csv"
                    : upload.fileName().length() > 255 ? upload.fileName().substring(0, 255) : upload.fileName();
            store.insert(id, tenant, programme.id(), upload.register(), upload.referenceDate(), name, upload.content(),
                    decoded.charset().name(), delimiter, head.getFirst(), actor.actorId(), clock.instant());
            return id;
        } catch (RegisterFile.UnreadableException e) {
            throw new RegisterImportException(e.messageKey);
        }
    }

    public Optional<RegisterImport> find(TenantId tenant, UUID id) {
        return store.find(tenant, id).map(i -> withJobOutcome(tenant, i));
    }

    public List<RegisterImport> recent(TenantId tenant, int limit) {
        return store.recent(tenant, Math.max(1, Math.min(limit, 100))).stream().map(i -> withJobOutcome(tenant, i)).toList();
    }

    public Optional<Programme> programme(TenantId tenant, RegisterImport registerImport) {
        return programmes.find(tenant, registerImport.programmeId());
    }

    /** The header and first rows; values that look like national register numbers are masked. */
    public Preview preview(TenantId tenant, RegisterImport registerImport) {
        Programme programme = programmes.find(tenant, registerImport.programmeId()).orElseThrow();
        List<List<String>> rows = new ArrayList<>();
        byte[] content = store.content(tenant, registerImport.id()).orElse(null);
        if (content != null) {
            try {
                String text = text(content, Charset.forName(registerImport.charset()));
                List<List<String>> head = RegisterFile.head(text, registerImport.delimiter(), PREVIEW_ROWS);
                for (List<String> row : head.subList(1, head.size())) {
                    rows.add(row.stream().map(v -> LOOKS_LIKE_NRN.matcher(v).matches() ? RegisterRows.mask(v) : v).toList());
                }
            } catch (RegisterFile.UnreadableException e) {
                // Checked at upload; a preview without rows still lets the user see the header.
            }
        }
        return new Preview(registerImport.header(), rows,
                guess(registerImport.header(), registerImport.register(), programme.residentIdentifier()));
    }

    /** Each field mapped to the first unused column whose header is one of its names (nl, fr, en). */
    static Map<RegisterField, Integer> guess(List<String> header, Register register,
                                             eu.localeconomy.savings.programme.ResidentIdentifier identifier) {
        Map<RegisterField, Integer> guessed = new EnumMap<>(RegisterField.class);
        Set<Integer> used = new HashSet<>();
        for (RegisterField field : RegisterField.of(register)) {
            if (!field.allowed(identifier)) {
                continue;
            }
            for (int column = 0; column < header.size(); column++) {
                if (!used.contains(column) && field.matches(header.get(column))) {
                    guessed.put(field, column);
                    used.add(column);
                    break;
                }
            }
        }
        return guessed;
    }

    /**
     * Checks a mapping: every required field mapped, no column used for two fields, only existing columns, and no
     * national register number where the tenant may not use it. Returns the problems by field (message keys).
     */
    public Map<RegisterField, String> check(TenantId tenant, RegisterImport registerImport, Map<RegisterField, Integer> mapping) {
        Programme programme = programmes.find(tenant, registerImport.programmeId()).orElseThrow();
        Map<RegisterField, String> problems = new EnumMap<>(RegisterField.class);
        Map<Integer, RegisterField> byColumn = new HashMap<>();
        for (RegisterField field : RegisterField.of(registerImport.register())) {
            Integer column = mapping.get(field);
            if (!field.allowed(programme.residentIdentifier())) {
                if (column != null) {
                    problems.put(field, "register.mapping.error.notAllowed");
                }
                continue;
            }
            if (column == null) {
                if (field.required(registerImport.register(), programme.residentIdentifier())) {
                    problems.put(field, "register.mapping.error.required");
                }
                continue;
            }
            if (column < 0 || column >= registerImport.header().size()) {
                problems.put(field, "register.mapping.error.column");
                continue;
            }
            RegisterField other = byColumn.putIfAbsent(column, field);
            if (other != null) {
                problems.put(field, "register.mapping.error.twice");
            }
        }
        return problems;
    }

    /** Stores the mapping and queues the import's job; returns the job id. The mapping must have passed {@link #check}. */
    @Transactional
    public UUID submit(TenantId tenant, UUID importId, Map<RegisterField, Integer> mapping, boolean fullExtract, Actor actor)
            throws RegisterImportException {
        RegisterImport registerImport = store.find(tenant, importId)
                .orElseThrow(() -> new RegisterImportException("register.mapping.error.gone"));
        if (registerImport.status() != RegisterImport.Status.UPLOADED) {
            throw new RegisterImportException("register.mapping.error.alreadySubmitted");
        }
        if (!check(tenant, registerImport, mapping).isEmpty()) {
            throw new RegisterImportException("register.mapping.error.invalid");
        }
        Optional<UUID> running = store.submittedFor(tenant, registerImport.programmeId(), registerImport.register());
        if (running.isPresent()) {
            // An import whose job ended without saying so (its node gave up) no longer blocks the register.
            RegisterImport other = store.find(tenant, running.get()).map(i -> withJobOutcome(tenant, i)).orElseThrow();
            if (!other.status().finished()) {
                throw new RegisterImportException("register.mapping.error.running");
            }
            store.release(tenant, other.id(), other.status(), clock.instant());
        }
        Map<RegisterField, Integer> kept = new EnumMap<>(RegisterField.class);
        mapping.forEach((field, column) -> {
            if (column != null) {
                kept.put(field, column);
            }
        });
        if (!store.submit(tenant, importId, kept, fullExtract, clock.instant())) {
            throw new RegisterImportException("register.mapping.error.alreadySubmitted");
        }
        UUID jobId = jobs.submit(tenant, JOB_KIND, Map.of("importId", importId.toString()), actor);
        store.jobStarted(tenant, importId, jobId);
        audit.record(actor, tenant, "register.import.submitted", "register-import", importId,
                Map.of("register", registerImport.register().name(), "fullExtract", fullExtract, "job", jobId.toString()));
        return jobId;
    }

    public List<ImportError> errors(TenantId tenant, UUID importId) {
        return store.errors(tenant, importId);
    }

    /** The error report as CSV (semicolons, as spreadsheets in Belgium and France expect), reasons in a language. */
    public void writeErrorReport(TenantId tenant, UUID importId, MessageSource messages, Locale locale, Appendable out)
            throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(';').setRecordSeparator("\r\n").get();
        try (CSVPrinter printer = new CSVPrinter(out, format)) {
            printer.printRecord(messages.getMessage("register.report.row", null, locale),
                    messages.getMessage("register.report.column", null, locale),
                    messages.getMessage("register.report.value", null, locale),
                    messages.getMessage("register.report.reason", null, locale));
            for (ImportError error : store.errors(tenant, importId)) {
                Object[] args = error.reasonArgument() == null ? null : new Object[]{error.reasonArgument()};
                printer.printRecord(error.row(), error.column(), SpreadsheetText.cell(error.value()),
                        messages.getMessage(error.reasonKey(), args, error.reasonKey(), locale));
            }
        }
    }


    /** The category households of a register join: RESIDENT for the population register if there is one. */
    Category category(TenantId tenant, UUID programmeId, Register register) throws RegisterImportException {
        List<Category> candidates = programmes.categories(tenant, programmeId).stream()
                .filter(c -> c.register() == register).toList();
        if (candidates.isEmpty()) {
            throw new RegisterImportException("register.upload.error.noCategory");
        }
        return candidates.stream().filter(c -> register == Register.POPULATION && "RESIDENT".equals(c.code()))
                .findFirst().orElse(candidates.getFirst());
    }

    static String text(byte[] content, Charset charset) {
        int start = content.length >= 3 && content[0] == (byte) 0xEF && content[1] == (byte) 0xBB && content[2] == (byte) 0xBF
                ? 3 : 0;
        return new String(content, start, content.length - start, charset);
    }

    /** A submitted import whose job has ended without finishing it (node gave up, cancelled) shows the job's end. */
    private RegisterImport withJobOutcome(TenantId tenant, RegisterImport registerImport) {
        if (registerImport.status() != RegisterImport.Status.SUBMITTED || registerImport.jobId() == null) {
            return registerImport;
        }
        return jobs.find(tenant, registerImport.jobId()).filter(JobView::finished)
                .map(job -> registerImport.withStatus(job.status() == JobStatus.CANCELLED
                        ? RegisterImport.Status.CANCELLED : RegisterImport.Status.FAILED))
                .orElse(registerImport);
    }
}
