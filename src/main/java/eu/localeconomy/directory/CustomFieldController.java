package eu.localeconomy.directory;

import eu.localeconomy.account.AccountPrincipal;
import eu.localeconomy.shared.ForTenantKind;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantContext;
import eu.localeconomy.shared.TenantKind;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.springframework.http.HttpStatus.NOT_FOUND;

/** Back office (tenant administrators): the tenant's custom fields of the directory. */
@Controller
@ForTenantKind(TenantKind.TOURISM_OFFICE)
class CustomFieldController {

    private final CustomFields customFields;

    CustomFieldController(CustomFields customFields) {
        this.customFields = customFields;
    }

    /**
     * A field as typed. Choices are one per line, {@code code = label} (the label is shown in every language) or
     * {@code code = label nl | label fr | label en}.
     */
    record CustomFieldForm(String key, String type, String labelNl, String labelFr, String labelEn, String choices,
                           String position) {

        static CustomFieldForm empty() {
            return new CustomFieldForm("", "BOOLEAN", "", "", "", "", "0");
        }

        static CustomFieldForm of(CustomField f) {
            StringBuilder choices = new StringBuilder();
            for (DirectoryField.Choice c : f.choices()) {
                choices.append(c.code()).append(" = ").append(c.labels().getOrDefault(Language.NL, c.code())).append(" | ")
                        .append(c.labels().getOrDefault(Language.FR, c.code())).append(" | ")
                        .append(c.labels().getOrDefault(Language.EN, c.code())).append('\n');
            }
            return new CustomFieldForm(f.key(), f.type().name(), f.labels().getOrDefault(Language.NL, ""),
                    f.labels().getOrDefault(Language.FR, ""), f.labels().getOrDefault(Language.EN, ""),
                    choices.toString(), String.valueOf(f.position()));
        }
    }

    @GetMapping("/t/{slug}/office/custom-fields")
    String list(TenantContext tenant, Model model) {
        CustomFieldForm form = CustomFieldForm.empty();
        return page(tenant, form, new BeanPropertyBindingResult(form, "form"), false, model);
    }

    @GetMapping("/t/{slug}/office/custom-fields/{key}")
    String edit(TenantContext tenant, @PathVariable String key, Model model) {
        CustomField field = customFields.find(tenant.id(), key).orElseThrow(() -> new ResponseStatusException(NOT_FOUND));
        CustomFieldForm form = CustomFieldForm.of(field);
        return page(tenant, form, new BeanPropertyBindingResult(form, "form"), true, model);
    }

    @PostMapping("/t/{slug}/office/custom-fields")
    String save(TenantContext tenant, @ModelAttribute("form") CustomFieldForm form,
                @AuthenticationPrincipal AccountPrincipal me, Model model, RedirectAttributes redirect) {
        EstablishmentOfficeController.requireAdmin(me);
        var errors = new BeanPropertyBindingResult(form, "form");
        FieldType type = null;
        try {
            type = FieldType.valueOf(form.type() == null ? "" : form.type().strip());
        } catch (IllegalArgumentException e) {
            errors.rejectValue("type", "directory.error.required");
        }
        Map<Language, String> labels = new EnumMap<>(Language.class);
        labels.put(Language.NL, form.labelNl());
        labels.put(Language.FR, form.labelFr());
        labels.put(Language.EN, form.labelEn());
        List<DirectoryField.Choice> choices = new ArrayList<>();
        if (form.choices() != null) {
            for (String line : form.choices().split("\\R")) {
                if (line.isBlank()) {
                    continue;
                }
                String[] codeAndLabels = line.split("=", 2);
                String code = codeAndLabels[0].strip();
                String[] names = codeAndLabels.length > 1 ? codeAndLabels[1].split("\\|") : new String[] {code};
                Map<Language, String> choiceLabels = new EnumMap<>(Language.class);
                for (int i = 0; i < Language.EVERY_SCREEN.size(); i++) {
                    String n = (names.length > i ? names[i] : names[0]).strip();
                    choiceLabels.put(Language.EVERY_SCREEN.get(i), n.isEmpty() ? code : n);
                }
                choices.add(new DirectoryField.Choice(code, choiceLabels));
            }
        }
        int position = EstablishmentOfficeController.parseInt(form.position()).orElse(0);
        boolean existing = form.key() != null && customFields.find(tenant.id(), form.key().strip()).isPresent();
        if (!errors.hasErrors()) {
            try {
                customFields.define(tenant.id(), new CustomField(form.key() == null ? "" : form.key().strip(), type,
                        labels, choices, Math.clamp(position, 0, 10_000)), me);
                redirect.addFlashAttribute("notice", "directory.customFields.saved");
                return "redirect:" + tenant.path() + "/office/custom-fields";
            } catch (DirectoryValidationException ex) {
                for (DirectoryValidationException.Problem p : ex.problems()) {
                    String field = switch (p.field()) {
                        case "labels.nl" -> "labelNl";
                        case "labels.fr" -> "labelFr";
                        case "labels.en" -> "labelEn";
                        default -> p.field();
                    };
                    errors.rejectValue(field, p.messageKey(), p.arguments(), null);
                }
            }
        }
        return page(tenant, form, errors, existing, model);
    }

    private String page(TenantContext tenant, CustomFieldForm form, BindingResult errors, boolean editing, Model model) {
        model.addAttribute("fields", customFields.of(tenant.id()));
        model.addAttribute("form", form);
        model.addAttribute(BindingResult.MODEL_KEY_PREFIX + "form", errors);
        model.addAttribute("types", FieldType.values());
        model.addAttribute("editing", editing);
        return "directory/custom-fields";
    }
}
