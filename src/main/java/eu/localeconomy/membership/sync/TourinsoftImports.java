package eu.localeconomy.membership.sync;

import eu.localeconomy.audit.AuditLog;
import eu.localeconomy.directory.DirectoryField;
import eu.localeconomy.directory.DirectoryFields;
import eu.localeconomy.job.Jobs;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.TenantId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The tenant's Tourinsoft import: its mapping profile, a preview of the feed as it would be mapped, and full or
 * incremental runs as jobs ({@link SyncImportJob}). Every method takes the tenant.
 */
@Service
public class TourinsoftImports {

    public static final String JOB_KIND = "membership.sync-import";
    public static final int PREVIEW = 5;

    private final SyncStore store;
    private final DirectoryFields directoryFields;
    private final Jobs jobs;
    private final AuditLog audit;
    private final Clock clock;
    private final TourinsoftFeed feed;

    TourinsoftImports(SyncStore store, DirectoryFields directoryFields, Jobs jobs, AuditLog audit, Clock clock,
                      @Value("${app.membership.feed-private-addresses:false}") boolean privateAddressesAllowed) {
        this.store = store;
        this.directoryFields = directoryFields;
        this.jobs = jobs;
        this.audit = audit;
        this.clock = clock;
        this.feed = TourinsoftFeed.withDefaults(privateAddressesAllowed);
    }

    /** The feed reader, with the platform's address policy. */
    TourinsoftFeed feed() {
        return feed;
    }

    /** The saved profile, or the default one for a tenant that has none yet. */
    public MappingProfile profile(TenantId tenant) {
        return store.profile(tenant).orElseGet(MappingProfile::defaults);
    }

    /** The targets a mapping row may name: the tenant's fields by key, in the directory's order. */
    public Map<String, DirectoryField> fields(TenantId tenant) {
        return directoryFields.of(tenant).stream()
                .collect(Collectors.toMap(DirectoryField::key, Function.identity(), (a, b) -> a, LinkedHashMap::new));
    }

    /**
     * Problems of a profile by form field ({@code feedUrl}, {@code incrementalQuery}, {@code mappings[i].target} …)
     * as message keys of the sync bundle; empty when it can be saved.
     */
    public Map<String, String> check(TenantId tenant, MappingProfile profile) {
        Map<String, String> problems = new LinkedHashMap<>();
        if (!profile.feedUrl().isEmpty() && !validUrl(profile.feedUrl())) {
            problems.put("feedUrl", "membership.sync.profile.error.url");
        }
        if (!profile.incrementalQuery().contains("{since}") || profile.incrementalQuery().length() > 300) {
            problems.put("incrementalQuery", "membership.sync.profile.error.query");
        }
        Map<String, DirectoryField> fields = fields(tenant);
        Set<String> targets = new HashSet<>();
        for (int i = 0; i < profile.mappings().size(); i++) {
            FieldMapping m = profile.mappings().get(i);
            String prefix = "mappings[" + i + "].";
            if (m.source() == null || m.source().isBlank() || m.source().length() > 100) {
                problems.put(prefix + "source", "membership.sync.profile.error.source");
            }
            boolean multi = Transform.CONTACTS.equals(m.target()) || Transform.ADDRESS.equals(m.target());
            if (m.transform() == null) {
                problems.put(prefix + "transform", "membership.sync.profile.error.transform");
            } else if (multi != (m.transform() == Transform.MULTI)) {
                problems.put(prefix + "transform", "membership.sync.profile.error.multi");
            } else if (m.transform() == Transform.TYPE && !"type".equals(m.target())
                    || m.transform() == Transform.CLASSIFICATION && !"classification_value".equals(m.target())) {
                problems.put(prefix + "transform", "membership.sync.profile.error.transformTarget");
            }
            if (m.target() == null || !multi && (!fields.containsKey(m.target()) || !importable(m.target()))) {
                problems.put(prefix + "target", "membership.sync.profile.error.target");
            } else if (!targets.add(m.target())) {
                problems.put(prefix + "target", "membership.sync.profile.error.twice");
            }
            if (m.options().length() > 2000) {
                problems.put(prefix + "options", "membership.sync.profile.error.options");
            }
        }
        return problems;
    }

    /** Targets of the directory an import may write (member_seasons and main are the office's own). */
    static boolean importable(String key) {
        return key.startsWith("custom.") || RecordMapper.STANDARD.contains(key) && !"name".equals(key);
    }

    @Transactional
    public void saveProfile(TenantId tenant, MappingProfile profile, Actor actor) {
        Map<String, String> problems = check(tenant, profile);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Profile has problems: " + problems.keySet());
        }
        store.saveProfile(tenant, profile, actor.actorId(), clock.instant());
        audit.record(actor, tenant, "membership.sync.profile.saved", "membership_sync_profile", tenant.value(),
                Map.of("mappings", profile.mappings().size()));
    }

    /** The first records of the feed as the profile would map them (nothing is written). */
    public List<RecordMapper.Mapped> preview(TenantId tenant, MappingProfile profile) throws FeedException {
        if (!validUrl(profile.feedUrl())) {
            throw new FeedException("membership.sync.error.noUrl", null);
        }
        TourinsoftFeed.Page page = feed.fetch(URI.create(profile.feedUrl()));
        RecordMapper mapper = RecordMapper.tourinsoft(profile, fields(tenant));
        List<RecordMapper.Mapped> mapped = new ArrayList<>();
        for (Map<String, Object> record : page.records().subList(0, Math.min(PREVIEW, page.records().size()))) {
            mapped.add(mapper.map(record));
        }
        return mapped;
    }

    /**
     * True while an import of the tenant runs: one at a time, so that two runs never upsert the same records at once.
     */
    public boolean running(TenantId tenant) {
        return store.queuedJobs(tenant).stream()
                .anyMatch(job -> jobs.find(tenant, job).map(view -> !view.finished()).orElse(false));
    }

    /**
     * Starts a run with the saved profile: incremental from the last successful run's high-water mark (a full pull
     * when there is none yet). Returns the run's id.
     */
    @Transactional
    public UUID start(TenantId tenant, SyncRun.Mode mode, Actor actor) {
        MappingProfile profile = profile(tenant);
        if (!validUrl(profile.feedUrl()) || running(tenant)) {
            throw new IllegalStateException("No feed URL, or an import is running");
        }
        Instant since = mode == SyncRun.Mode.INCREMENTAL ? store.highWater(tenant).orElse(null) : null;
        SyncRun.Mode actual = since == null ? SyncRun.Mode.FULL : mode;
        UUID id = UUID.randomUUID();
        String mapping = profile.toJson();
        store.insertRun(tenant, id, SyncRun.Source.TOURINSOFT, actual, SyncRun.Status.QUEUED, mapping, since, null,
                null, actor.actorId(), clock.instant());
        UUID job = jobs.submit(tenant, JOB_KIND, Map.of("runId", id.toString()), actor);
        store.queued(tenant, id, mapping, job);
        audit.record(actor, tenant, "membership.sync.started", "membership_sync_run", id,
                Map.of("source", SyncRun.Source.TOURINSOFT.name(), "mode", actual.name()));
        return id;
    }

    public Optional<SyncRun> find(TenantId tenant, UUID id) {
        return store.find(tenant, id);
    }

    public List<SyncRun> recent(TenantId tenant, int limit) {
        return store.recent(tenant, Math.max(1, Math.min(limit, 100)));
    }

    static boolean validUrl(String url) {
        if (url == null || url.isBlank() || url.length() > 1000) {
            return false;
        }
        try {
            URI uri = URI.create(url.strip());
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
