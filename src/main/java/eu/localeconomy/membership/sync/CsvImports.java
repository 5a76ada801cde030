package eu.localeconomy.membership.sync;

import eu.localeconomy.audit.AuditLog;
import eu.localeconomy.directory.DirectoryField;
import eu.localeconomy.job.Jobs;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantId;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * CSV imports for offices without a feed: upload (a PREPARED run holding the file), column mapping with a preview
 * (columns pre-mapped when their header is a field's key or label in Dutch, French or English), then the same job
 * and report as a Tourinsoft run, upserting by the external-id column (else the SIRET) under system CSV.
 */
@Service
public class CsvImports {

    public static final int PREVIEW_ROWS = 10;

    /** The mapping of a file: target per column index, and which column is the external id (null: the SIRET). */
    public record Settings(Map<String, String> columns, String idColumn) {

        private static final JsonMapper JSON = JsonMapper.builder().build();

        public Settings {
            columns = columns == null ? Map.of() : Map.copyOf(columns);
        }

        String toJson() {
            return JSON.writeValueAsString(this);
        }

        static Settings fromJson(String json) {
            try {
                return JSON.readValue(json, Settings.class);
            } catch (JacksonException e) {
                throw new IllegalArgumentException("Unreadable CSV settings", e);
            }
        }
    }

    /** What the mapping page shows: headers, the first rows, and the guessed settings. */
    public record Preview(List<String> headers, List<List<String>> rows, int rowCount, Settings guessed) {
    }

    private final SyncStore store;
    private final TourinsoftImports tourinsoft;
    private final Jobs jobs;
    private final AuditLog audit;
    private final MessageSource messages;
    private final Clock clock;

    CsvImports(SyncStore store, TourinsoftImports tourinsoft, Jobs jobs, AuditLog audit, MessageSource messages,
               Clock clock) {
        this.store = store;
        this.tourinsoft = tourinsoft;
        this.jobs = jobs;
        this.audit = audit;
        this.messages = messages;
        this.clock = clock;
    }

    /** Keeps the file as a PREPARED run; throws {@link CsvFile.UnreadableException} for a file that is no CSV. */
    @Transactional
    public UUID upload(TenantId tenant, String fileName, byte[] content, Actor actor) throws CsvUploadException {
        try {
            CsvFile.read(content);
        } catch (CsvFile.UnreadableException e) {
            throw new CsvUploadException(e.messageKey());
        }
        UUID id = UUID.randomUUID();
        String name = fileName == null ? "import.csv" : fileName.length() > 200 ? fileName.substring(0, 200) : fileName;
        store.insertRun(tenant, id, SyncRun.Source.CSV, SyncRun.Mode.FULL, SyncRun.Status.PREPARED,
                new Settings(Map.of(), null).toJson(), null, name, content, actor.actorId(), clock.instant());
        audit.record(actor, tenant, "membership.sync.csv.uploaded", "membership_sync_run", id, Map.of("bytes", content.length));
        return id;
    }

    public Preview preview(TenantId tenant, UUID id) throws CsvUploadException {
        CsvFile file = file(tenant, id);
        List<List<String>> rows = new ArrayList<>();
        for (Map<String, Object> record : file.records().subList(0, Math.min(PREVIEW_ROWS, file.records().size()))) {
            rows.add(record.values().stream().map(v -> v == null ? "" : v.toString()).toList());
        }
        return new Preview(file.headers(), rows, file.records().size(), guess(tenant, file.headers()));
    }

    /** Pre-selects a column's field when its header is the field's key or one of its labels (accents and case aside). */
    Settings guess(TenantId tenant, List<String> headers) {
        Map<String, String> byWord = new LinkedHashMap<>();
        for (DirectoryField field : tourinsoft.fields(tenant).values()) {
            if (!csvTarget(field.key())) {
                continue;
            }
            byWord.putIfAbsent(RecordMapper.fold(field.key()), field.key());
            for (Language language : Language.EVERY_SCREEN) {
                String label = field.custom() ? field.labels().get(language)
                        : messages.getMessage("directory.field." + field.key(), null, null, language.locale());
                if (label != null) {
                    byWord.putIfAbsent(RecordMapper.fold(label), field.key());
                }
            }
        }
        Map<String, String> columns = new LinkedHashMap<>();
        String idColumn = null;
        for (int i = 0; i < headers.size(); i++) {
            String word = RecordMapper.fold(headers.get(i));
            String target = byWord.get(word);
            if (target != null && !columns.containsValue(target)) {
                columns.put(String.valueOf(i), target);
            } else if (idColumn == null && List.of("id", "external id", "external_id", "identifiant", "reference",
                    "ref", "code", "syndicobjectid").contains(word)) {
                idColumn = String.valueOf(i);
            }
        }
        return new Settings(columns, idColumn);
    }

    /** Fields a column may be mapped to. */
    static boolean csvTarget(String key) {
        return key.startsWith("custom.") || RecordMapper.STANDARD.contains(key) && !Transform.CONTACTS.equals(key);
    }

    /** Problems of a mapping by form field ({@code column.<i>}, {@code idColumn}), as sync bundle keys. */
    public Map<String, String> check(TenantId tenant, UUID id, Settings settings) throws CsvUploadException {
        CsvFile file = file(tenant, id);
        Map<String, DirectoryField> fields = tourinsoft.fields(tenant);
        Map<String, String> problems = new LinkedHashMap<>();
        List<String> seen = new ArrayList<>();
        settings.columns().forEach((column, target) -> {
            int index = index(column, file.headers().size());
            if (index < 0) {
                problems.put("columns", "membership.sync.csv.error.column");
            } else if (!fields.containsKey(target) || !csvTarget(target)) {
                problems.put("column." + index, "membership.sync.profile.error.target");
            } else if (seen.contains(target)) {
                problems.put("column." + index, "membership.sync.profile.error.twice");
            } else {
                seen.add(target);
            }
        });
        if (!seen.contains("name")) {
            problems.put("columns", "membership.sync.csv.error.noName");
        }
        if (settings.idColumn() != null) {
            if (index(settings.idColumn(), file.headers().size()) < 0) {
                problems.put("idColumn", "membership.sync.csv.error.column");
            }
        } else if (!seen.contains("siret")) {
            problems.put("idColumn", "membership.sync.csv.error.noId");
        }
        return problems;
    }

    @Transactional
    public void submit(TenantId tenant, UUID id, Settings settings, Actor actor) throws CsvUploadException {
        SyncRun run = store.find(tenant, id).orElseThrow(() -> new CsvUploadException("membership.sync-import.error.gone"));
        if (run.status() != SyncRun.Status.PREPARED || !check(tenant, id, settings).isEmpty()) {
            throw new CsvUploadException("membership.sync.csv.error.state");
        }
        if (tourinsoft.running(tenant)) {
            throw new CsvUploadException("membership.sync.run.busy");
        }
        UUID job = jobs.submit(tenant, TourinsoftImports.JOB_KIND, Map.of("runId", id.toString()), actor);
        store.queued(tenant, id, settings.toJson(), job);
        audit.record(actor, tenant, "membership.sync.started", "membership_sync_run", id,
                Map.of("source", SyncRun.Source.CSV.name(), "columns", settings.columns().size()));
    }

    /** The mapper of a run: each mapped column with its field's usual transform, keyed by the external-id column. */
    RecordMapper mapper(TenantId tenant, Settings settings, CsvFile file) {
        Map<String, DirectoryField> fields = tourinsoft.fields(tenant);
        List<FieldMapping> mappings = new ArrayList<>();
        String siretColumn = null;
        for (Map.Entry<String, String> e : settings.columns().entrySet()) {
            DirectoryField field = fields.get(e.getValue());
            if (field == null) {
                continue;
            }
            if ("siret".equals(field.key())) {
                siretColumn = e.getKey();
            }
            mappings.add(new FieldMapping(e.getKey(), field.key(), Transform.defaultFor(field), ""));
        }
        return new RecordMapper(mappings, fields, settings.idColumn() != null ? settings.idColumn() : siretColumn, false);
    }

    public Optional<SyncRun> find(TenantId tenant, UUID id) {
        return store.find(tenant, id);
    }

    private CsvFile file(TenantId tenant, UUID id) throws CsvUploadException {
        byte[] content = store.content(tenant, id).orElseThrow(() -> new CsvUploadException("membership.sync-import.error.gone"));
        try {
            return CsvFile.read(content);
        } catch (CsvFile.UnreadableException e) {
            throw new CsvUploadException(e.messageKey());
        }
    }

    private static int index(String column, int size) {
        try {
            int i = Integer.parseInt(column.strip());
            return i >= 0 && i < size ? i : -1;
        } catch (NumberFormatException | NullPointerException e) {
            return -1;
        }
    }
}
