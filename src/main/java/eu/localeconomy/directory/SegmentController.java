package eu.localeconomy.directory;

import eu.localeconomy.account.AccountPrincipal;
import eu.localeconomy.shared.ForTenantKind;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantContext;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.shared.Uuids;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.springframework.http.HttpStatus.NOT_FOUND;

/**
 * Back office: saved segments with their live member counts, and the builder (a top group with conditions and
 * sub-groups) whose every change re-posts the form and re-renders the builder, the count and the first members.
 * Every staff member may explore; only a tenant administrator saves or deletes.
 */
@Controller
@ForTenantKind(TenantKind.TOURISM_OFFICE)
class SegmentController {

    static final int PREVIEW = 25;

    private final Segments segments;
    private final Establishments establishments;
    private final DirectoryFields fields;
    private final MessageSource messages;

    SegmentController(Segments segments, Establishments establishments, DirectoryFields fields, MessageSource messages) {
        this.segments = segments;
        this.establishments = establishments;
        this.fields = fields;
        this.messages = messages;
    }

    record Listed(Segment segment, long members) {
    }

    @GetMapping("/t/{slug}/office/segments")
    String list(TenantContext tenant, @AuthenticationPrincipal AccountPrincipal me, Model model) {
        List<Establishment> all = establishments.all(tenant.id());
        model.addAttribute("segments", segments.of(tenant.id()).stream()
                .map(s -> new Listed(s, all.stream().filter(e -> Criteria.matches(s.criterion(), e)).count())).toList());
        model.addAttribute("mayChange", EstablishmentOfficeController.mayChange(me));
        return "directory/segments";
    }

    @GetMapping("/t/{slug}/office/segments/new")
    String create(TenantContext tenant, @AuthenticationPrincipal AccountPrincipal me, Locale locale, Model model) {
        return builder(tenant, null, "", new SegmentBuilder(Criterion.Junction.ALL, List.of(), List.of()), List.of(),
                null, me, locale, model);
    }

    @GetMapping("/t/{slug}/office/segments/{id}")
    String edit(TenantContext tenant, @PathVariable String id, @AuthenticationPrincipal AccountPrincipal me,
                Locale locale, Model model) {
        Segment segment = find(tenant, id);
        return builder(tenant, segment, segment.name(), SegmentBuilder.of(segment.criterion()), List.of(), null, me,
                locale, model);
    }

    /** Every change of the builder, and its structural buttons; "save" saves (administrators). */
    @PostMapping("/t/{slug}/office/segments/builder")
    String post(TenantContext tenant, @RequestParam MultiValueMap<String, String> params,
                @AuthenticationPrincipal AccountPrincipal me, Locale locale, Model model, RedirectAttributes redirect) {
        Segment segment = params.getFirst("id") == null || params.getFirst("id").isBlank() ? null
                : find(tenant, params.getFirst("id"));
        Map<String, DirectoryField> byKey = fieldMap(tenant);
        String action = params.getFirst("action");
        SegmentBuilder built = SegmentBuilder.parse(params, byKey).apply(action);
        String name = params.getFirst("name") == null ? "" : params.getFirst("name").strip();
        if ("save".equals(action)) {
            EstablishmentOfficeController.requireAdmin(me);
            try {
                segments.save(tenant.id(), segment == null ? null : segment.id(), name, built.criterion(), me);
                redirect.addFlashAttribute("notice", "directory.segment.saved");
                return "redirect:" + tenant.path() + "/office/segments";
            } catch (DirectoryValidationException ex) {
                List<DirectoryValidationException.Problem> problems = ex.problems();
                String nameProblem = problems.stream().filter(p -> p.field().equals("name")).findFirst()
                        .map(p -> messages.getMessage(p.messageKey(), p.arguments(), locale)).orElse(null);
                return builder(tenant, segment, name, built, problems.stream().filter(p -> !p.field().equals("name")).toList(),
                        nameProblem, me, locale, model);
            }
        }
        return builder(tenant, segment, name, built, List.of(), null, me, locale, model);
    }

    @PostMapping("/t/{slug}/office/segments/{id}/delete")
    String delete(TenantContext tenant, @PathVariable String id, @AuthenticationPrincipal AccountPrincipal me,
                  RedirectAttributes redirect) {
        EstablishmentOfficeController.requireAdmin(me);
        Segment segment = find(tenant, id);
        try {
            segments.delete(tenant.id(), segment.id(), me);
            redirect.addFlashAttribute("notice", "directory.segment.deleted");
            return "redirect:" + tenant.path() + "/office/segments";
        } catch (DirectoryValidationException ex) {
            redirect.addFlashAttribute("notice", "directory.segment.error.inUse");
            return "redirect:" + tenant.path() + "/office/segments/" + segment.id();
        }
    }

    /** A condition as the builder shows it. */
    record RowView(String prefix, String field, Criterion.Operator operator, List<String> values, FieldType type,
                   List<Criterion.Operator> operators, List<Option> choices, List<String> problems) {

        public String value() {
            return values.isEmpty() ? "" : values.getFirst();
        }

        public String max() {
            return values.size() < 2 ? "" : values.get(1);
        }

        public String joined() {
            return String.join(", ", values);
        }

        public boolean has(String v) {
            return values.stream().anyMatch(x -> x.equalsIgnoreCase(v));
        }
    }

    record GroupView(String prefix, Criterion.Junction junction, List<RowView> rows) {
    }

    record Option(String value, String label) {
    }

    private String builder(TenantContext tenant, Segment segment, String name, SegmentBuilder built,
                           List<DirectoryValidationException.Problem> saveProblems, String nameProblem,
                           AccountPrincipal me, Locale locale, Model model) {
        Language language = Language.fromLocale(locale).orElse(Language.EN);
        List<DirectoryField> all = fields.of(tenant.id());
        Map<String, DirectoryField> byKey = all.stream().collect(Collectors.toMap(DirectoryField::key, Function.identity()));
        Criterion criterion = built.criterion();
        List<DirectoryValidationException.Problem> problems = new ArrayList<>(Criteria.check(criterion, all));
        problems.addAll(saveProblems.stream().filter(p -> !problems.contains(p)).toList());
        var byRow = built.problemsByRow(problems);
        Function<String, List<String>> texts = prefix -> byRow.getOrDefault(prefix, List.of()).stream()
                .map(p -> messages.getMessage(p.messageKey(), p.arguments(), locale)).distinct().toList();

        List<RowView> rows = new ArrayList<>();
        for (int i = 0; i < built.rows.size(); i++) {
            rows.add(view("c" + i + ".", built.rows.get(i), byKey, language, texts));
        }
        List<GroupView> groups = new ArrayList<>();
        for (int k = 0; k < built.groups.size(); k++) {
            SegmentBuilder.SubGroup g = built.groups.get(k);
            List<RowView> sub = new ArrayList<>();
            for (int i = 0; i < g.rows().size(); i++) {
                sub.add(view("g" + k + ".c" + i + ".", g.rows().get(i), byKey, language, texts));
            }
            groups.add(new GroupView("g" + k + ".", g.junction(), sub));
        }
        boolean valid = problems.isEmpty();
        List<Establishment> members = valid ? segments.members(tenant.id(), criterion) : List.of();
        model.addAttribute("segment", segment);
        model.addAttribute("name", name);
        model.addAttribute("nameProblem", nameProblem);
        model.addAttribute("junction", built.junction);
        model.addAttribute("rows", rows);
        model.addAttribute("groups", groups);
        model.addAttribute("fields", all.stream().map(f -> new Option(f.key(),
                EstablishmentOfficeController.label(f.labels(), language, f.key()))).toList());
        model.addAttribute("valid", valid);
        model.addAttribute("count", members.size());
        model.addAttribute("members", members.size() > PREVIEW ? members.subList(0, PREVIEW) : members);
        model.addAttribute("maxRows", SegmentBuilder.MAX_ROWS);
        model.addAttribute("editable", segment == null || SegmentBuilder.editable(segment.criterion()));
        model.addAttribute("mayChange", EstablishmentOfficeController.mayChange(me));
        return "directory/segment";
    }

    private static RowView view(String prefix, SegmentBuilder.Row row, Map<String, DirectoryField> fields,
                                Language language, Function<String, List<String>> problems) {
        DirectoryField f = fields.get(row.field());
        FieldType type = f == null ? FieldType.TEXT : f.type();
        List<Option> choices = f == null ? List.of() : f.choices().stream()
                .map(c -> new Option(c.code(), EstablishmentOfficeController.label(c.labels(), language, c.code()))).toList();
        return new RowView(prefix, row.field(), row.operator(), row.values(), type, Criteria.operatorsFor(type), choices,
                problems.apply(prefix));
    }

    private Map<String, DirectoryField> fieldMap(TenantContext tenant) {
        Map<String, DirectoryField> m = new LinkedHashMap<>();
        fields.of(tenant.id()).forEach(f -> m.put(f.key(), f));
        return m;
    }

    private Segment find(TenantContext tenant, String id) {
        return Uuids.parse(id).flatMap(u -> segments.find(tenant.id(), new SegmentId(u)))
                .orElseThrow(() -> new ResponseStatusException(NOT_FOUND));
    }

}
