package eu.localeconomy.savings.programme;

import eu.localeconomy.shared.TenantContext;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.springframework.http.HttpStatus.NOT_FOUND;

/**
 * Back office: a tenant administrator sets up the savings programmes (texts, rules, phase calendar, categories).
 * Category rows are added and removed with plain submit buttons, so the form works without JavaScript.
 */
@Controller
class ProgrammeController {

    /** More rows than any programme needs; beyond it the add button stops adding. */
    static final int MAX_CATEGORIES = 20;

    private final Programmes programmes;
    private final NationalRegisterAuthorisation nrn;
    private final Clock clock;

    ProgrammeController(Programmes programmes, NationalRegisterAuthorisation nrn, Clock clock) {
        this.programmes = programmes;
        this.nrn = nrn;
        this.clock = clock;
    }

    /** A programme in the list, with where it stands today. */
    record Row(Programme programme, Phase phase) {
    }

    @GetMapping("/t/{slug}/office/programmes")
    String list(TenantContext tenant, Model model) {
        LocalDate today = tenant.today(clock);
        model.addAttribute("programmes", programmes.all(tenant.id()).stream()
                .map(p -> new Row(p, p.phaseOn(today))).toList());
        return "savings/programme/programmes";
    }

    @GetMapping("/t/{slug}/office/programmes/new")
    String createForm(TenantContext tenant, Model model) {
        var form = ProgrammeForm.empty(nrn.authorises(tenant) ? ResidentIdentifier.NATIONAL_REGISTER_NUMBER
                : ResidentIdentifier.BIRTH_DATE);
        return form(tenant, null, form, new BeanPropertyBindingResult(form, "form"), Set.of(), model);
    }

    @PostMapping("/t/{slug}/office/programmes")
    String create(TenantContext tenant, @ModelAttribute("form") ProgrammeForm posted,
                  @RequestParam(name = "addCategory", required = false) String addCategory,
                  @RequestParam(name = "removeCategory", required = false) String removeCategory,
                  Model model, RedirectAttributes redirect) {
        ProgrammeForm form = posted.normalised();
        var errors = new BeanPropertyBindingResult(form, "form");
        if (addCategory != null || removeCategory != null) {
            return form(tenant, null, rowsChanged(form, addCategory, removeCategory, Set.of(), errors), errors, Set.of(), model);
        }
        var draft = ProgrammeRules.check(form, errors, nrn.authorises(tenant), tenant.defaultLanguage().code());
        if (draft.isPresent() && programmes.seasonTaken(tenant.id(), draft.get().season(), null)) {
            errors.rejectValue("season", "programme.season.taken");
        }
        if (errors.hasErrors()) {
            return form(tenant, null, form, errors, Set.of(), model);
        }
        try {
            programmes.create(tenant.id(), draft.get());
        } catch (DuplicateKeyException raced) {
            errors.rejectValue("season", "programme.season.taken");
            return form(tenant, null, form, errors, Set.of(), model);
        }
        redirect.addFlashAttribute("notice", "programme.created");
        return "redirect:" + tenant.path() + "/office/programmes";
    }

    @GetMapping("/t/{slug}/office/programmes/{id}")
    String editForm(TenantContext tenant, @PathVariable UUID id, Model model) {
        Programme programme = programmes.find(tenant.id(), id).orElseThrow(() -> new ResponseStatusException(NOT_FOUND));
        var form = ProgrammeForm.of(programme, programmes.categories(tenant.id(), id));
        return form(tenant, programme, form, new BeanPropertyBindingResult(form, "form"), inUse(tenant, id), model);
    }

    @PostMapping("/t/{slug}/office/programmes/{id}")
    String update(TenantContext tenant, @PathVariable UUID id, @ModelAttribute("form") ProgrammeForm posted,
                  @RequestParam(name = "addCategory", required = false) String addCategory,
                  @RequestParam(name = "removeCategory", required = false) String removeCategory,
                  Model model, RedirectAttributes redirect) {
        Programme programme = programmes.find(tenant.id(), id).orElseThrow(() -> new ResponseStatusException(NOT_FOUND));
        Set<String> inUse = inUse(tenant, id);
        ProgrammeForm form = posted.normalised();
        var errors = new BeanPropertyBindingResult(form, "form");
        if (addCategory != null || removeCategory != null) {
            return form(tenant, programme, rowsChanged(form, addCategory, removeCategory, inUse, errors), errors, inUse, model);
        }
        var draft = ProgrammeRules.check(form, errors, nrn.authorises(tenant), tenant.defaultLanguage().code());
        if (draft.isPresent() && programmes.seasonTaken(tenant.id(), draft.get().season(), id)) {
            errors.rejectValue("season", "programme.season.taken");
        }
        if (draft.isPresent()) {
            // A category households belong to must stay: the form may have lost its row.
            Set<String> kept = form.rows().stream().map(ProgrammeForm.CategoryRow::id).collect(Collectors.toSet());
            programmes.categories(tenant.id(), id).stream()
                    .filter(c -> inUse.contains(c.id().toString()) && !kept.contains(c.id().toString()))
                    .forEach(c -> errors.reject("programme.category.inUse", new Object[]{c.code()}, null));
        }
        if (errors.hasErrors()) {
            return form(tenant, programme, form, errors, inUse, model);
        }
        try {
            var changed = programmes.update(tenant.id(), id, draft.get());
            redirect.addFlashAttribute("notice", changed.isEmpty() ? "programme.unchanged" : "programme.updated");
        } catch (Programmes.CategoryInUseException e) {
            errors.reject("programme.category.inUse", new Object[]{e.code()}, null);
            return form(tenant, programme, form, errors, inUse, model);
        } catch (Programmes.CapBelowCreditException e) {
            errors.reject("programme.category.capBelowCredit", new Object[]{e.code(), e.cards()}, null);
            return form(tenant, programme, form, errors, inUse, model);
        } catch (DuplicateKeyException raced) {
            errors.rejectValue("season", "programme.season.taken");
            return form(tenant, programme, form, errors, inUse, model);
        }
        return "redirect:" + tenant.path() + "/office/programmes/" + id;
    }

    @PostMapping("/t/{slug}/office/programmes/{id}/privacy-notice")
    String publishPrivacyNotice(TenantContext tenant, @PathVariable UUID id, RedirectAttributes redirect) {
        int version = programmes.publishPrivacyNotice(tenant.id(), id).orElseThrow(() -> new ResponseStatusException(NOT_FOUND));
        redirect.addFlashAttribute("notice", "programme.privacy.published");
        redirect.addFlashAttribute("noticeArgument", version);
        return "redirect:" + tenant.path() + "/office/programmes/" + id;
    }

    /**
     * A row index that is not a number ({@code categories[x].code}) or beyond the binder's limit of 256 rows fails
     * the binder before this controller sees the form. Browsers never send one: a forged request is a bad request.
     */
    @ExceptionHandler({NumberFormatException.class, IndexOutOfBoundsException.class})
    ResponseEntity<Void> forgedRowIndex() {
        return ResponseEntity.badRequest().build();
    }

    /** Adds an empty row, or removes one unless households belong to its category (then it says so). */
    private static ProgrammeForm rowsChanged(ProgrammeForm form, String add, String remove, Set<String> inUse,
                                             BindingResult errors) {
        List<ProgrammeForm.CategoryRow> rows = new ArrayList<>(form.rows());
        if (add != null && rows.size() < MAX_CATEGORIES) {
            rows.add(ProgrammeForm.CategoryRow.empty());
        }
        int index = -1;
        try {
            index = remove == null ? -1 : Integer.parseInt(remove.strip());
        } catch (NumberFormatException ignored) {
            // a forged button value removes nothing
        }
        ProgrammeForm changed = form.withCategories(rows);
        if (index >= 0 && index < rows.size()) {
            if (inUse.contains(rows.get(index).id())) {
                var result = new BeanPropertyBindingResult(changed, "form");
                result.rejectValue("categories[" + index + "].code", "programme.category.inUse.row");
                errors.addAllErrors(result);
            } else {
                rows.remove(index);
                changed = form.withCategories(rows);
            }
        }
        return changed;
    }

    private String form(TenantContext tenant, Programme programme, ProgrammeForm form, BindingResult errors,
                        Set<String> inUse, Model model) {
        // The result must describe the form shown, which may have gained or lost rows.
        var result = new BeanPropertyBindingResult(form, "form");
        errors.getAllErrors().forEach(e -> {
            if (e instanceof org.springframework.validation.FieldError f) {
                result.rejectValue(f.getField(), f.getCode(), f.getArguments(), f.getDefaultMessage());
            } else {
                result.reject(e.getCode(), e.getArguments(), e.getDefaultMessage());
            }
        });
        model.addAttribute("form", form);
        model.addAttribute(BindingResult.MODEL_KEY_PREFIX + "form", result);
        model.addAttribute("programme", programme);
        model.addAttribute("inUse", inUse);
        model.addAttribute("nrnAuthorised", nrn.authorises(tenant));
        model.addAttribute("roundings", Rounding.values());
        model.addAttribute("registers", Register.values());
        model.addAttribute("languages", ProgrammeForm.LANGUAGES);
        model.addAttribute("canAddCategory", form.rows().size() < MAX_CATEGORIES);
        return "savings/programme/programme-form";
    }

    private Set<String> inUse(TenantContext tenant, UUID programmeId) {
        return programmes.categoriesInUse(tenant.id(), programmeId).stream().map(UUID::toString).collect(Collectors.toSet());
    }
}
