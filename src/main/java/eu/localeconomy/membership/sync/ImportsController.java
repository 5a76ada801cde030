package eu.localeconomy.membership.sync;

import eu.localeconomy.directory.DirectoryField;
import eu.localeconomy.job.Jobs;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.ForTenantKind;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantContext;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.shared.Uuids;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.springframework.http.HttpStatus.NOT_FOUND;

/**
 * Back-office imports of a tourism office: the Tourinsoft feed and its mapping profile (with a test of the feed),
 * full and incremental runs, CSV upload with column mapping, and each run's report. TENANT_ADMIN only (security paths).
 */
@Controller
@ForTenantKind(TenantKind.TOURISM_OFFICE)
class ImportsController {

    /** A row of the target select. */
    record Target(String key, String label) {
    }

    /** A mapping row as the form shows it (text, so that a forged value is an error and not a binding failure). */
    record Row(String source, String target, String transform, String options) {
    }

    /** The profile form. */
    record ProfileForm(String feedUrl, String incrementalQuery, List<Row> rows) {
    }

    static final int BLANK_ROWS = 3;
    private static final int MAX_ROWS = 100;

    private final TourinsoftImports tourinsoft;
    private final CsvImports csv;
    private final SyncStore store;
    private final Jobs jobs;
    private final MessageSource messages;

    ImportsController(TourinsoftImports tourinsoft, CsvImports csv, SyncStore store, Jobs jobs, MessageSource messages) {
        this.tourinsoft = tourinsoft;
        this.csv = csv;
        this.store = store;
        this.jobs = jobs;
        this.messages = messages;
    }

    @GetMapping("/t/{slug}/office/imports")
    String page(TenantContext tenant, Model model, Locale locale) {
        return page(tenant, form(tourinsoft.profile(tenant.id())), Map.of(), model, locale);
    }

    @PostMapping("/t/{slug}/office/imports/profile")
    String saveProfile(TenantContext tenant, @RequestParam Map<String, String> params, @AuthenticationPrincipal Actor actor,
                       Model model, Locale locale, RedirectAttributes redirect) {
        ProfileForm form = form(params);
        Map<String, String> problems = new LinkedHashMap<>();
        MappingProfile profile = profile(tenant, form, problems);
        if (!problems.isEmpty()) {
            return page(tenant, form, problems, model, locale);
        }
        tourinsoft.saveProfile(tenant.id(), profile, actor);
        redirect.addFlashAttribute("notice", "membership.sync.profile.saved");
        return "redirect:" + tenant.path() + "/office/imports";
    }

    /** "Test the feed": the first records as the form's profile (saved or not) would map them. htmx fragment. */
    @PostMapping("/t/{slug}/office/imports/test")
    String test(TenantContext tenant, @RequestParam Map<String, String> params,
                @RequestHeader(name = "HX-Request", required = false) String htmx, Model model, Locale locale) {
        ProfileForm form = form(params);
        Map<String, String> problems = new LinkedHashMap<>();
        MappingProfile profile = profile(tenant, form, problems);
        if (!problems.isEmpty()) {
            model.addAttribute("testError", "membership.sync.test.profileInvalid");
        } else {
            try {
                model.addAttribute("mapped", tourinsoft.preview(tenant.id(), profile));
            } catch (FeedException e) {
                model.addAttribute("testError", e.messageKey());
                model.addAttribute("testArgument", e.argument());
            }
        }
        if (htmx == null) {
            return page(tenant, form, problems, model, locale);
        }
        return "membership/sync/imports :: feedTest";
    }

    @PostMapping("/t/{slug}/office/imports/run")
    String run(TenantContext tenant, @RequestParam(name = "mode", required = false) String mode,
               @AuthenticationPrincipal Actor actor, RedirectAttributes redirect) {
        SyncRun.Mode chosen = "INCREMENTAL".equals(mode) ? SyncRun.Mode.INCREMENTAL : SyncRun.Mode.FULL;
        if (!TourinsoftImports.validUrl(tourinsoft.profile(tenant.id()).feedUrl())) {
            redirect.addFlashAttribute("alert", "membership.sync.run.noUrl");
            return "redirect:" + tenant.path() + "/office/imports";
        }
        if (tourinsoft.running(tenant.id())) {
            redirect.addFlashAttribute("alert", "membership.sync.run.busy");
            return "redirect:" + tenant.path() + "/office/imports";
        }
        UUID id = tourinsoft.start(tenant.id(), chosen, actor);
        redirect.addFlashAttribute("notice", "membership.sync.run.started");
        return "redirect:" + tenant.path() + "/office/imports/runs/" + id;
    }

    @GetMapping("/t/{slug}/office/imports/runs/{id}")
    String report(TenantContext tenant, @PathVariable String id, Model model) {
        SyncRun run = tourinsoft.find(tenant.id(), uuid(id)).filter(r -> r.status() != SyncRun.Status.PREPARED)
                .orElseThrow(() -> new ResponseStatusException(NOT_FOUND));
        model.addAttribute("run", run);
        model.addAttribute("job", run.jobId() == null ? null : jobs.find(tenant.id(), run.jobId()).orElse(null));
        model.addAttribute("failures", store.failures(tenant.id(), run.id(), 1000));
        return "membership/sync/run";
    }

    @PostMapping("/t/{slug}/office/imports/csv")
    String upload(TenantContext tenant, @RequestParam(name = "file", required = false) MultipartFile file,
                  @AuthenticationPrincipal Actor actor, Model model, Locale locale) throws IOException {
        if (file == null || file.isEmpty()) {
            model.addAttribute("csvError", "membership.sync.csv.error.empty");
            return page(tenant, form(tourinsoft.profile(tenant.id())), Map.of(), model, locale);
        }
        try {
            UUID id = csv.upload(tenant.id(), file.getOriginalFilename(), file.getBytes(), actor);
            return "redirect:" + tenant.path() + "/office/imports/csv/" + id;
        } catch (CsvUploadException e) {
            model.addAttribute("csvError", e.messageKey());
            return page(tenant, form(tourinsoft.profile(tenant.id())), Map.of(), model, locale);
        }
    }

    @GetMapping("/t/{slug}/office/imports/csv/{id}")
    String csvMapping(TenantContext tenant, @PathVariable String id, Model model, Locale locale) throws CsvUploadException {
        SyncRun run = prepared(tenant, id);
        if (run.status() != SyncRun.Status.PREPARED) {
            return "redirect:" + tenant.path() + "/office/imports/runs/" + run.id();
        }
        CsvImports.Preview preview = csv.preview(tenant.id(), run.id());
        return csvPage(tenant, run, preview, preview.guessed(), Map.of(), model, locale);
    }

    @PostMapping("/t/{slug}/office/imports/csv/{id}")
    String csvSubmit(TenantContext tenant, @PathVariable String id, @RequestParam Map<String, String> params,
                     @AuthenticationPrincipal Actor actor, Model model, Locale locale, RedirectAttributes redirect)
            throws CsvUploadException {
        SyncRun run = prepared(tenant, id);
        if (run.status() != SyncRun.Status.PREPARED) {
            return "redirect:" + tenant.path() + "/office/imports/runs/" + run.id();
        }
        CsvImports.Preview preview = csv.preview(tenant.id(), run.id());
        Map<String, String> columns = new LinkedHashMap<>();
        for (int i = 0; i < preview.headers().size(); i++) {
            String target = params.get("column." + i);
            if (target != null && !target.isBlank()) {
                columns.put(String.valueOf(i), target.strip());
            }
        }
        String idColumn = params.get("idColumn");
        var settings = new CsvImports.Settings(columns, idColumn == null || idColumn.isBlank() ? null : idColumn.strip());
        Map<String, String> problems = csv.check(tenant.id(), run.id(), settings);
        if (!problems.isEmpty()) {
            return csvPage(tenant, run, preview, settings, problems, model, locale);
        }
        try {
            csv.submit(tenant.id(), run.id(), settings, actor);
        } catch (CsvUploadException e) {
            model.addAttribute("alert", e.messageKey());
            return csvPage(tenant, run, preview, settings, problems, model, locale);
        }
        redirect.addFlashAttribute("notice", "membership.sync.run.started");
        return "redirect:" + tenant.path() + "/office/imports/runs/" + run.id();
    }

    private SyncRun prepared(TenantContext tenant, String id) {
        return csv.find(tenant.id(), uuid(id)).filter(r -> r.source() == SyncRun.Source.CSV)
                .orElseThrow(() -> new ResponseStatusException(NOT_FOUND));
    }

    private String page(TenantContext tenant, ProfileForm form, Map<String, String> problems, Model model, Locale locale) {
        model.addAttribute("form", form);
        model.addAttribute("problems", problems);
        model.addAttribute("targets", targets(tenant, locale, true));
        model.addAttribute("transforms", Transform.values());
        model.addAttribute("runs", tourinsoft.recent(tenant.id(), 20));
        return "membership/sync/imports";
    }

    private String csvPage(TenantContext tenant, SyncRun run, CsvImports.Preview preview, CsvImports.Settings settings,
                           Map<String, String> problems, Model model, Locale locale) {
        model.addAttribute("run", run);
        model.addAttribute("preview", preview);
        model.addAttribute("settings", settings);
        model.addAttribute("problems", problems);
        model.addAttribute("targets", targets(tenant, locale, false));
        return "membership/sync/csv";
    }

    /** Fields a row may write, labelled in the reader's language (custom ones from their definition). */
    private List<Target> targets(TenantContext tenant, Locale locale, boolean feed) {
        Language language = Language.EVERY_SCREEN.stream().filter(l -> l.code().equals(locale.getLanguage()))
                .findFirst().orElse(Language.EN);
        List<Target> targets = new ArrayList<>();
        for (DirectoryField field : tourinsoft.fields(tenant.id()).values()) {
            if (feed ? !TourinsoftImports.importable(field.key()) : !CsvImports.csvTarget(field.key())) {
                continue;
            }
            String label = field.custom() ? field.labels().getOrDefault(language, field.key())
                    : messages.getMessage("directory.field." + field.key(), null, field.key(), locale);
            targets.add(new Target(field.key(), label));
        }
        if (feed) {
            targets.add(new Target(Transform.CONTACTS, messages.getMessage("membership.sync.target.contacts", null, locale)));
            targets.add(new Target(Transform.ADDRESS, messages.getMessage("membership.sync.target.address", null, locale)));
        }
        return targets;
    }

    private static ProfileForm form(MappingProfile profile) {
        List<Row> rows = new ArrayList<>();
        profile.mappings().forEach(m -> rows.add(new Row(m.source(), m.target(), m.transform().name(), m.options())));
        for (int i = 0; i < BLANK_ROWS; i++) {
            rows.add(new Row("", "", Transform.TEXT.name(), ""));
        }
        return new ProfileForm(profile.feedUrl(), profile.incrementalQuery(), rows);
    }

    private static ProfileForm form(Map<String, String> params) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < MAX_ROWS; i++) {
            String prefix = "mappings[" + i + "].";
            if (!params.containsKey(prefix + "source")) {
                break;
            }
            rows.add(new Row(trim(params.get(prefix + "source")), trim(params.get(prefix + "target")),
                    trim(params.get(prefix + "transform")), trim(params.get(prefix + "options"))));
        }
        return new ProfileForm(trim(params.get("feedUrl")), trim(params.get("incrementalQuery")), rows);
    }

    /**
     * The profile of a form, its problems keyed by the ids of the form's fields ({@code feedUrl},
     * {@code mapping-3-target} …). Blank rows are left out: that is how a row is removed.
     */
    private MappingProfile profile(TenantContext tenant, ProfileForm form, Map<String, String> problems) {
        List<FieldMapping> mappings = new ArrayList<>();
        List<Integer> rowOf = new ArrayList<>();
        for (int i = 0; i < form.rows().size(); i++) {
            Row row = form.rows().get(i);
            if (row.source().isEmpty()) {
                continue;
            }
            Transform transform = null;
            for (Transform t : Transform.values()) {
                if (t.name().equals(row.transform())) {
                    transform = t;
                }
            }
            if (transform == null) {
                problems.put("mapping-" + i + "-transform", "membership.sync.profile.error.transform");
                transform = Transform.TEXT;
            }
            mappings.add(new FieldMapping(row.source(), row.target(), transform, row.options()));
            rowOf.add(i);
        }
        MappingProfile profile = new MappingProfile(form.feedUrl(), form.incrementalQuery(), mappings);
        tourinsoft.check(tenant.id(), profile).forEach((field, key) -> {
            if (field.startsWith("mappings[")) {
                int index = Integer.parseInt(field.substring("mappings[".length(), field.indexOf(']')));
                String part = field.substring(field.indexOf("].") + 2);
                problems.putIfAbsent("mapping-" + rowOf.get(index) + "-" + part, key);
            } else {
                problems.putIfAbsent(field, key);
            }
        });
        return profile;
    }

    private static String trim(String text) {
        return text == null ? "" : text.strip();
    }

    private static UUID uuid(String id) {
        return Uuids.parse(id).orElseThrow(() -> new ResponseStatusException(NOT_FOUND));
    }

}
