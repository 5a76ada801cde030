package eu.localeconomy.savings.helpdesk;

import eu.localeconomy.audit.AuditLog;
import eu.localeconomy.savings.card.CardNumber;
import eu.localeconomy.savings.programme.Category;
import eu.localeconomy.savings.programme.Programme;
import eu.localeconomy.savings.programme.Programmes;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantContext;
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

import eu.localeconomy.shared.Uuids;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.springframework.http.HttpStatus.NOT_FOUND;

/**
 * Back office: the helpdesk finds a household by card number, name, street, postcode or status, sees what it needs
 * to help a citizen, and clears a card's guessing lock. Every search and every view of a household is audited
 * (searches with their number of results only, never what was typed).
 */
@Controller
class HouseholdController {

    static final int PAGE_SIZE = 25;
    static final List<String> CARD_STATUSES = List.of("CREATED", "ISSUED", "ACTIVE", "BLOCKED", "NONE");
    static final List<String> HOUSEHOLD_STATUSES = List.of("ELIGIBLE", "EXCLUDED");

    /** The search form as typed: all text, checked here, so that nothing typed can fail the page. */
    record SearchForm(String programme, String card, String name, String street, String postcode, String cardStatus,
                      String householdStatus, String category, String page) {

        int pageIndex() {
            try {
                int p = page == null ? 0 : Integer.parseInt(page.strip());
                return Math.min(Math.max(p, 0), 10_000);
            } catch (NumberFormatException e) {
                return 0;
            }
        }
    }

    private final HouseholdSearch households;
    private final Programmes programmes;
    private final AuditLog audit;
    private final Clock clock;

    HouseholdController(HouseholdSearch households, Programmes programmes, AuditLog audit, Clock clock) {
        this.households = households;
        this.programmes = programmes;
        this.audit = audit;
        this.clock = clock;
    }

    @GetMapping("/t/{slug}/office/households")
    String search(TenantContext tenant, @ModelAttribute("search") SearchForm form, Locale locale, Model model) {
        model.addAttribute("language", Language.fromLocale(locale).orElse(Language.EN));
        var errors = new BeanPropertyBindingResult(form, "search");
        model.addAttribute(BindingResult.MODEL_KEY_PREFIX + "search", errors);
        List<Programme> all = programmes.all(tenant.id());
        Optional<Programme> programme = Optional.ofNullable(uuid(form.programme()))
                .flatMap(id -> all.stream().filter(p -> p.id().equals(id)).findFirst())
                .or(() -> programmes.current(tenant.id(), tenant.today(clock)));
        model.addAttribute("programmes", all);
        model.addAttribute("cardStatuses", CARD_STATUSES);
        model.addAttribute("householdStatuses", HOUSEHOLD_STATUSES);
        model.addAttribute("programme", programme.orElse(null));
        if (programme.isEmpty()) {
            model.addAttribute("categories", List.of());
            return "savings/helpdesk/households";
        }
        List<Category> categories = programmes.categories(tenant.id(), programme.get().id());
        model.addAttribute("categories", categories);

        CardNumber card = null;
        if (present(form.card())) {
            card = CardNumber.parse(form.card()).orElse(null);
            if (card == null) {
                errors.rejectValue("card", "helpdesk.card.invalid");
            }
        }
        String name = text(errors, "name", form.name(), 100);
        String street = text(errors, "street", form.street(), 100);
        String postcode = text(errors, "postcode", form.postcode(), 16);
        String cardStatus = choice(errors, "cardStatus", form.cardStatus(), Set.copyOf(CARD_STATUSES));
        String householdStatus = choice(errors, "householdStatus", form.householdStatus(), Set.copyOf(HOUSEHOLD_STATUSES));
        UUID category = null;
        if (present(form.category())) {
            category = uuid(form.category());
            UUID wanted = category;
            if (wanted == null || categories.stream().noneMatch(c -> c.id().equals(wanted))) {
                errors.rejectValue("category", "validation.choice");
            }
        }
        if (errors.hasErrors()) {
            return "savings/helpdesk/households";
        }
        int page = form.pageIndex();
        var result = households.search(tenant.id(), new HouseholdSearch.Criteria(programme.get().id(), card, name, street,
                postcode, cardStatus, householdStatus, category), page * PAGE_SIZE, PAGE_SIZE);
        audit.record(tenant.id(), "household.searched", "savings_programme", programme.get().id(),
                Map.of("results", result.count(), "capped", result.countCapped()));
        model.addAttribute("result", result);
        model.addAttribute("page", page);
        model.addAttribute("hasMore", (long) (page + 1) * PAGE_SIZE < result.count() || result.countCapped()
                && result.results().size() == PAGE_SIZE);
        return "savings/helpdesk/households";
    }

    @GetMapping("/t/{slug}/office/households/{id}")
    String detail(TenantContext tenant, @PathVariable UUID id, Model model) {
        var detail = households.detail(tenant.id(), id).orElseThrow(() -> new ResponseStatusException(NOT_FOUND));
        audit.record(tenant.id(), "household.viewed", "savings_household", id, Map.of());
        model.addAttribute("detail", detail);
        model.addAttribute("household", detail.household());
        model.addAttribute("now", clock.instant());
        return "savings/helpdesk/household";
    }

    @PostMapping("/t/{slug}/office/households/{id}/unlock-card")
    String unlockCard(TenantContext tenant, @PathVariable UUID id, RedirectAttributes redirect) {
        if (households.unlockCard(tenant.id(), id).isEmpty()) {
            throw new ResponseStatusException(NOT_FOUND);
        }
        redirect.addFlashAttribute("notice", "helpdesk.card.unlocked");
        return "redirect:" + tenant.path() + "/office/households/" + id;
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }

    private static String text(BindingResult errors, String field, String value, int max) {
        if (!present(value)) {
            return null;
        }
        if (value.strip().length() > max || value.indexOf('\u0000') >= 0) {
            errors.rejectValue(field, value.indexOf('\u0000') >= 0 ? "helpdesk.text.invalid" : "validation.tooLong");
            return null;
        }
        return value.strip();
    }

    private static String choice(BindingResult errors, String field, String value, Set<String> allowed) {
        if (!present(value)) {
            return null;
        }
        if (!allowed.contains(value.strip())) {
            errors.rejectValue(field, "validation.choice");
            return null;
        }
        return value.strip();
    }

    private static UUID uuid(String value) {
        return Uuids.parse(value).orElse(null);
    }
}
