package eu.localeconomy.savings.register;

import eu.localeconomy.job.Jobs;
import eu.localeconomy.savings.programme.Programme;
import eu.localeconomy.savings.programme.Programmes;
import eu.localeconomy.savings.programme.Register;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.TenantContext;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import eu.localeconomy.shared.Uuids;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.springframework.http.HttpStatus.NOT_FOUND;

/** Back-office screens of register imports: upload, column mapping with a preview, progress and error report. */
@Controller
class RegisterImportController {

    private final RegisterImports imports;
    private final Programmes programmes;
    private final Jobs jobs;
    private final MessageSource messages;

    RegisterImportController(RegisterImports imports, Programmes programmes, Jobs jobs, MessageSource messages) {
        this.imports = imports;
        this.programmes = programmes;
        this.jobs = jobs;
        this.messages = messages;
    }

    /** The upload form. Choices arrive as text, so a forged value is a field error and not a form that cannot bind. */
    record UploadForm(String programmeId, String register, String referenceDate) {
    }

    /** The mapping form: the chosen column (index, or empty for "not in the file") per field name. */
    record MappingForm(Map<String, String> columns, boolean fullExtract) {
    }

    @GetMapping("/t/{slug}/office/registers")
    String list(TenantContext tenant, Model model) {
        List<Programme> all = programmes.all(tenant.id());
        String programme = all.isEmpty() ? "" : all.getFirst().id().toString();
        model.addAttribute("form", new UploadForm(programme, Register.POPULATION.name(), ""));
        return page(tenant, model);
    }

    @PostMapping("/t/{slug}/office/registers")
    String upload(TenantContext tenant, @ModelAttribute("form") UploadForm form, BindingResult errors,
                  @RequestParam(name = "file", required = false) MultipartFile file, @AuthenticationPrincipal Actor actor,
                  Model model, RedirectAttributes redirect) throws IOException {
        Optional<Programme> programme = Uuids.parse(form.programmeId()).flatMap(id -> programmes.find(tenant.id(), id));
        if (programme.isEmpty()) {
            errors.rejectValue("programmeId", "validation.choice");
        }
        Register register = parseRegister(form.register());
        if (register == null) {
            errors.rejectValue("register", "validation.choice");
        }
        LocalDate referenceDate = parseDate(form.referenceDate());
        if (referenceDate == null) {
            errors.rejectValue("referenceDate", isBlank(form.referenceDate()) ? "validation.required" : "register.upload.dateInvalid");
        }
        if (file == null || file.isEmpty()) {
            model.addAttribute("fileError", "register.upload.error.empty");
        }
        if (errors.hasErrors() || model.containsAttribute("fileError")) {
            return page(tenant, model);
        }
        try {
            UUID id = imports.upload(tenant.id(), new RegisterImports.Upload(programme.get().id(), register, referenceDate,
                    file.getOriginalFilename(), file.getBytes()), actor);
            return "redirect:" + tenant.path() + "/office/registers/" + id + "/mapping";
        } catch (RegisterImportException e) {
            model.addAttribute("fileError", e.messageKey());
            return page(tenant, model);
        }
    }

    @GetMapping("/t/{slug}/office/registers/{id}")
    String show(TenantContext tenant, @PathVariable UUID id, Model model) {
        RegisterImport registerImport = registerImport(tenant, id);
        if (registerImport.status() == RegisterImport.Status.UPLOADED) {
            return "redirect:" + tenant.path() + "/office/registers/" + id + "/mapping";
        }
        model.addAttribute("registerImport", registerImport);
        model.addAttribute("programme", imports.programme(tenant.id(), registerImport).orElse(null));
        model.addAttribute("job", registerImport.jobId() == null ? null : jobs.find(tenant.id(), registerImport.jobId()).orElse(null));
        return "savings/register/import";
    }

    @GetMapping("/t/{slug}/office/registers/{id}/mapping")
    String mapping(TenantContext tenant, @PathVariable UUID id, Model model) {
        RegisterImport registerImport = registerImport(tenant, id);
        if (registerImport.status() != RegisterImport.Status.UPLOADED) {
            return "redirect:" + tenant.path() + "/office/registers/" + id;
        }
        RegisterImports.Preview preview = imports.preview(tenant.id(), registerImport);
        Map<String, String> columns = new java.util.LinkedHashMap<>();
        preview.guessed().forEach((field, column) -> columns.put(field.name(), String.valueOf(column)));
        return mappingPage(tenant, registerImport, preview, new MappingForm(columns, true), Map.of(), model);
    }

    @PostMapping("/t/{slug}/office/registers/{id}/mapping")
    String submit(TenantContext tenant, @PathVariable UUID id, @RequestParam Map<String, String> params,
                  @AuthenticationPrincipal Actor actor, Model model, RedirectAttributes redirect) {
        RegisterImport registerImport = registerImport(tenant, id);
        if (registerImport.status() != RegisterImport.Status.UPLOADED) {
            return "redirect:" + tenant.path() + "/office/registers/" + id;
        }
        Map<String, String> columns = new java.util.LinkedHashMap<>();
        Map<RegisterField, Integer> mapping = new EnumMap<>(RegisterField.class);
        Map<RegisterField, String> problems = new EnumMap<>(RegisterField.class);
        Programme programme = imports.programme(tenant.id(), registerImport).orElseThrow(() -> new ResponseStatusException(NOT_FOUND));
        for (RegisterField field : RegisterField.of(registerImport.register())) {
            if (!field.allowed(programme.residentIdentifier())) {
                continue; // not offered on the screen: a forged choice is ignored, the number never read
            }
            String value = params.get("column." + field.name());
            if (isBlank(value)) {
                continue;
            }
            columns.put(field.name(), value);
            try {
                mapping.put(field, Integer.parseInt(value.strip()));
            } catch (NumberFormatException e) {
                problems.put(field, "register.mapping.error.column");
            }
        }
        problems.putAll(imports.check(tenant.id(), registerImport, mapping));
        var form = new MappingForm(columns, "true".equals(params.get("fullExtract")));
        if (!problems.isEmpty()) {
            return mappingPage(tenant, registerImport, imports.preview(tenant.id(), registerImport), form, problems, model);
        }
        try {
            imports.submit(tenant.id(), id, mapping, form.fullExtract(), actor);
        } catch (RegisterImportException e) {
            model.addAttribute("alert", e.messageKey());
            return mappingPage(tenant, registerImport, imports.preview(tenant.id(), registerImport), form, problems, model);
        }
        redirect.addFlashAttribute("notice", "register.import.started");
        return "redirect:" + tenant.path() + "/office/registers/" + id;
    }

    @GetMapping("/t/{slug}/office/registers/{id}/errors.csv")
    ResponseEntity<byte[]> errorReport(TenantContext tenant, @PathVariable UUID id, Locale locale) throws IOException {
        RegisterImport registerImport = registerImport(tenant, id);
        var csv = new StringBuilder("\uFEFF"); // so that spreadsheet programs read the report as UTF-8
        imports.writeErrorReport(tenant.id(), registerImport.id(), messages, locale, csv);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("import-errors-" + registerImport.id() + ".csv").build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .body(csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    private String page(TenantContext tenant, Model model) {
        model.addAttribute("programmes", programmes.all(tenant.id()));
        model.addAttribute("registers", Register.values());
        model.addAttribute("imports", imports.recent(tenant.id(), 20));
        return "savings/register/imports";
    }

    private String mappingPage(TenantContext tenant, RegisterImport registerImport, RegisterImports.Preview preview,
                               MappingForm form, Map<RegisterField, String> problems, Model model) {
        Programme programme = imports.programme(tenant.id(), registerImport).orElseThrow(() -> new ResponseStatusException(NOT_FOUND));
        model.addAttribute("registerImport", registerImport);
        model.addAttribute("programme", programme);
        model.addAttribute("preview", preview);
        model.addAttribute("form", form);
        model.addAttribute("problems", problems);
        model.addAttribute("fields", RegisterField.of(registerImport.register()).stream()
                .filter(f -> f.allowed(programme.residentIdentifier())).toList());
        model.addAttribute("required", RegisterField.of(registerImport.register()).stream()
                .filter(f -> f.required(registerImport.register(), programme.residentIdentifier())).toList());
        return "savings/register/mapping";
    }

    private RegisterImport registerImport(TenantContext tenant, UUID id) {
        return imports.find(tenant.id(), id).orElseThrow(() -> new ResponseStatusException(NOT_FOUND));
    }

    private static Register parseRegister(String value) {
        for (Register register : Register.values()) {
            if (register.name().equals(value)) {
                return register;
            }
        }
        return null;
    }

    private static LocalDate parseDate(String value) {
        try {
            return isBlank(value) ? null : LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
