package eu.localeconomy.directory;

import eu.localeconomy.account.AccountPrincipal;
import eu.localeconomy.account.Role;
import eu.localeconomy.shared.ForTenantKind;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantContext;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.shared.Uuids;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static org.springframework.http.HttpStatus.FORBIDDEN;
import static org.springframework.http.HttpStatus.NOT_FOUND;

/**
 * Back office: the tourism office's directory of establishments (search, detail, create and edit) and its custom
 * fields. Every staff member sees; only a tenant administrator changes.
 */
@Controller
@ForTenantKind(TenantKind.TOURISM_OFFICE)
class EstablishmentOfficeController {

    static final int PAGE_SIZE = 50;

    private final Establishments establishments;
    private final DirectoryFields fields;
    private final CustomFields customFields;
    private final Segments segments;
    private final Clock clock;

    EstablishmentOfficeController(Establishments establishments, DirectoryFields fields, CustomFields customFields,
                                  Segments segments, Clock clock) {
        this.establishments = establishments;
        this.fields = fields;
        this.customFields = customFields;
        this.segments = segments;
        this.clock = clock;
    }

    /** A row of the list: the establishment and its capacity in the unit that fits its type. */
    record Row(Establishment establishment, Integer capacity, String capacityUnit) {
    }

    @GetMapping("/t/{slug}/office/establishments")
    String list(TenantContext tenant, @RequestParam(name = "q", required = false) String text,
                @RequestParam(name = "type", required = false) String type,
                @RequestParam(name = "classification", required = false) String classification,
                @RequestParam(name = "member", required = false) String member,
                @RequestParam(name = "segment", required = false) String segment,
                @RequestParam(name = "page", required = false) String page,
                @RequestHeader(name = "HX-Request", required = false) String htmx,
                @RequestHeader(name = "HX-History-Restore-Request", required = false) String restore,
                HttpServletResponse response, @AuthenticationPrincipal AccountPrincipal me, Model model) {
        int season = tenant.today(clock).getYear();
        String q = trim(text, 100);
        EstablishmentType chosenType = parseType(type);
        String chosenClassification = trim(classification, 60);
        List<Segment> saved = segments.of(tenant.id());
        Optional<Segment> chosenSegment = Uuids.parse(segment).flatMap(id -> segments.find(tenant.id(), new SegmentId(id)));
        List<Criterion> conditions = new ArrayList<>();
        chosenSegment.ifPresent(s -> conditions.add(s.criterion()));
        if (chosenType != null) {
            conditions.add(new Criterion.Condition("type", Criterion.Operator.EQUALS, List.of(chosenType.name())));
        }
        if (chosenClassification != null) {
            conditions.add(new Criterion.Condition("classification_value", Criterion.Operator.EQUALS,
                    List.of(chosenClassification)));
        }
        Boolean memberNow = "yes".equals(member) ? Boolean.TRUE : "no".equals(member) ? Boolean.FALSE : null;
        List<Establishment> all = establishments.all(tenant.id());
        String folded = q == null ? null : Criteria.fold(q);
        Criterion criterion = new Criterion.Group(Criterion.Junction.ALL, conditions);
        List<Establishment> hits = all.stream()
                .filter(e -> folded == null || matchesText(e, folded))
                .filter(e -> Criteria.matches(criterion, e))
                .filter(e -> memberNow == null || e.memberSeasons().contains(season) == memberNow)
                .toList();
        int lastPage = Math.max(0, (hits.size() - 1) / PAGE_SIZE);
        int p = Math.clamp(parseInt(page).orElse(1) - 1, 0, lastPage);
        List<Row> rows = hits.subList(p * PAGE_SIZE, Math.min(hits.size(), (p + 1) * PAGE_SIZE)).stream()
                .map(EstablishmentOfficeController::row).toList();
        model.addAttribute("rows", rows);
        model.addAttribute("total", all.size());
        model.addAttribute("found", hits.size());
        model.addAttribute("members", all.stream().filter(e -> e.memberSeasons().contains(season)).count());
        model.addAttribute("season", season);
        model.addAttribute("page", p + 1);
        model.addAttribute("pages", lastPage + 1);
        model.addAttribute("q", q);
        model.addAttribute("type", chosenType == null ? "" : chosenType.name());
        model.addAttribute("classification", chosenClassification);
        model.addAttribute("member", memberNow == null ? "" : memberNow ? "yes" : "no");
        model.addAttribute("segment", chosenSegment.map(s -> s.id().toString()).orElse(""));
        model.addAttribute("segments", saved);
        model.addAttribute("types", EstablishmentType.values());
        model.addAttribute("mayChange", mayChange(me));
        response.setHeader("Vary", "HX-Request");
        return htmx != null && restore == null ? "directory/establishments :: results" : "directory/establishments";
    }

    private static boolean matchesText(Establishment e, String folded) {
        EstablishmentDetails d = e.details();
        for (String s : new String[] {d.name(), d.legalName(), d.city(), d.postcode(), d.email(), d.siret()}) {
            if (s != null && Criteria.fold(s).contains(folded)) {
                return true;
            }
        }
        return false;
    }

    private static Row row(Establishment e) {
        EstablishmentDetails d = e.details();
        if (d.capacityPitches() != null && (e.type() == EstablishmentType.CAMPSITE || d.capacityRooms() == null)) {
            return new Row(e, d.capacityPitches(), "pitches");
        }
        if (d.capacityRooms() != null) {
            return new Row(e, d.capacityRooms(), "rooms");
        }
        return new Row(e, d.capacityPersons(), "persons");
    }

    @GetMapping("/t/{slug}/office/establishments/{id}")
    String show(TenantContext tenant, @PathVariable String id, @AuthenticationPrincipal AccountPrincipal me,
                Locale locale, Model model) {
        Establishment e = find(tenant, id);
        Organisation organisation = e.details().organisation() == null ? null
                : establishments.findOrganisation(tenant.id(), e.details().organisation()).orElse(null);
        Language language = Language.fromLocale(locale).orElse(Language.EN);
        List<CustomValue> custom = new ArrayList<>();
        for (CustomField f : customFields.of(tenant.id())) {
            Object v = e.custom().get(f.key());
            custom.add(new CustomValue(label(f.labels(), language, f.key()), f.type(), display(f, v, language)));
        }
        model.addAttribute("e", e);
        model.addAttribute("d", e.details());
        model.addAttribute("organisation", organisation);
        model.addAttribute("siblings", organisation == null ? List.of()
                : establishments.ofOrganisation(tenant.id(), organisation.id()).stream()
                        .filter(o -> !o.id().equals(e.id())).toList());
        model.addAttribute("custom", custom);
        model.addAttribute("refs", establishments.refStates(tenant.id(), e.id()));
        model.addAttribute("seasons", establishments.seasons(tenant.id(), e.id()));
        model.addAttribute("thisSeason", tenant.today(clock).getYear());
        model.addAttribute("mayChange", mayChange(me));
        return "directory/establishment";
    }

    /** A custom field's value as the detail page shows it. */
    record CustomValue(String label, FieldType type, String value) {
    }

    static String label(Map<Language, String> labels, Language language, String fallback) {
        String l = labels.get(language);
        if (l == null) {
            l = labels.values().stream().findFirst().orElse(fallback);
        }
        return l;
    }

    private static String display(CustomField f, Object v, Language language) {
        if (v == null) {
            return null;
        }
        if (f.type() == FieldType.CHOICE) {
            return f.choices().stream().filter(c -> c.code().equals(v)).findFirst()
                    .map(c -> label(c.labels(), language, c.code())).orElse(v.toString());
        }
        return v instanceof BigDecimal n ? n.toPlainString() : v.toString();
    }

    @PostMapping("/t/{slug}/office/establishments/{id}/seasons")
    String addSeason(TenantContext tenant, @PathVariable String id, @RequestParam(name = "season", required = false) String season,
                     @AuthenticationPrincipal AccountPrincipal me, RedirectAttributes redirect) {
        requireAdmin(me);
        Establishment e = find(tenant, id);
        Optional<Integer> s = parseInt(season);
        String notice;
        if (s.isEmpty() || s.get() < 1990 || s.get() > 2200) {
            notice = "directory.error.season";
        } else {
            establishments.recordMembership(tenant.id(), e.id(), s.get(), "OFFICE", me);
            notice = "directory.establishment.seasonAdded";
        }
        redirect.addFlashAttribute("notice", notice);
        return "redirect:" + tenant.path() + "/office/establishments/" + e.id();
    }

    @GetMapping("/t/{slug}/office/establishments/new")
    String createForm(TenantContext tenant, @AuthenticationPrincipal AccountPrincipal me, Model model) {
        requireAdmin(me);
        EstablishmentForm form = EstablishmentForm.empty();
        return form(tenant, null, form, new BeanPropertyBindingResult(form, "form"), Map.of(), false, model);
    }

    @PostMapping("/t/{slug}/office/establishments")
    String create(TenantContext tenant, @ModelAttribute("form") EstablishmentForm posted,
                  @RequestParam Map<String, String> params, @AuthenticationPrincipal AccountPrincipal me,
                  Model model, RedirectAttributes redirect) {
        requireAdmin(me);
        EstablishmentForm form = posted.withCustom(customParams(params));
        var errors = new BeanPropertyBindingResult(form, "form");
        Map<String, String> customErrors = new LinkedHashMap<>();
        Optional<EstablishmentDetails> details = details(tenant, null, form, errors, customErrors);
        if (details.isPresent()) {
            try {
                EstablishmentId id = establishments.create(tenant.id(), details.get(), me);
                redirect.addFlashAttribute("notice", "directory.establishment.created");
                return "redirect:" + tenant.path() + "/office/establishments/" + id;
            } catch (DirectoryValidationException ex) {
                reject(ex, errors, customErrors);
            }
        }
        return form(tenant, null, form, errors, customErrors, false, model);
    }

    @GetMapping("/t/{slug}/office/establishments/{id}/edit")
    String editForm(TenantContext tenant, @PathVariable String id, @AuthenticationPrincipal AccountPrincipal me,
                    Model model) {
        requireAdmin(me);
        Establishment e = find(tenant, id);
        EstablishmentForm form = EstablishmentForm.of(e, organisationOf(tenant, e));
        return form(tenant, e, form, new BeanPropertyBindingResult(form, "form"), Map.of(), false, model);
    }

    @PostMapping("/t/{slug}/office/establishments/{id}")
    String update(TenantContext tenant, @PathVariable String id, @ModelAttribute("form") EstablishmentForm posted,
                  @RequestParam Map<String, String> params, @AuthenticationPrincipal AccountPrincipal me,
                  Model model, RedirectAttributes redirect) {
        requireAdmin(me);
        Establishment e = find(tenant, id);
        EstablishmentForm form = posted.withCustom(customParams(params));
        var errors = new BeanPropertyBindingResult(form, "form");
        Map<String, String> customErrors = new LinkedHashMap<>();
        Optional<Integer> version = parseInt(form.version());
        if (version.isEmpty()) {
            throw new ResponseStatusException(org.springframework.http.HttpStatus.BAD_REQUEST);
        }
        Optional<EstablishmentDetails> details = details(tenant, e, form, errors, customErrors);
        if (details.isPresent()) {
            try {
                establishments.update(tenant.id(), e.id(), version.get(), details.get(), me);
                redirect.addFlashAttribute("notice", "directory.establishment.updated");
                return "redirect:" + tenant.path() + "/office/establishments/" + e.id();
            } catch (DirectoryValidationException ex) {
                reject(ex, errors, customErrors);
            } catch (StaleEstablishmentException ex) {
                // Show what the other person saved; the user applies their change again on top of it.
                Establishment now = find(tenant, id);
                EstablishmentForm theirs = EstablishmentForm.of(now, organisationOf(tenant, now));
                return form(tenant, now, theirs, new BeanPropertyBindingResult(theirs, "form"), Map.of(), true, model);
            }
        }
        return form(tenant, e, form, errors, customErrors, false, model);
    }

    private Organisation organisationOf(TenantContext tenant, Establishment e) {
        return e.details().organisation() == null ? null
                : establishments.findOrganisation(tenant.id(), e.details().organisation()).orElse(null);
    }

    /** The details typed, or empty with the typing errors (numbers that are not numbers) rejected. */
    private Optional<EstablishmentDetails> details(TenantContext tenant, Establishment existing, EstablishmentForm f,
                                                   BindingResult errors, Map<String, String> customErrors) {
        Integer persons = integer(f.capacityPersons(), "capacityPersons", errors);
        Integer rooms = integer(f.capacityRooms(), "capacityRooms", errors);
        Integer pitches = integer(f.capacityPitches(), "capacityPitches", errors);
        BigDecimal lat = decimal(f.latitude(), "latitude", errors);
        BigDecimal lon = decimal(f.longitude(), "longitude", errors);
        EstablishmentType type = parseType(f.type());
        if (type == null) {
            errors.rejectValue("type", "directory.error.required");
        }
        OrganisationId organisation = null;
        Organisation current = existing == null ? null : organisationOf(tenant, existing);
        if (current != null && current.siren() == null && blank(f.siren())
                && current.legalName().equals(f.organisationName() == null ? null : f.organisationName().strip())) {
            // an organisation known by its name only stays the same one (a name finds no organisation by itself)
            organisation = current.id();
        } else if (!blank(f.siren()) || !blank(f.organisationName())) {
            try {
                organisation = establishments.organisation(tenant.id(), f.siren(), f.organisationName());
            } catch (DirectoryValidationException ex) {
                for (DirectoryValidationException.Problem p : ex.problems()) {
                    errors.rejectValue(p.field().equals("legal_name") ? "organisationName" : "siren", p.messageKey(),
                            p.arguments(), null);
                }
            }
        }
        if (errors.hasErrors()) {
            return Optional.empty();
        }
        Map<String, Object> custom = new LinkedHashMap<>(f.custom());
        return Optional.of(new EstablishmentDetails(organisation, organisation == null || Boolean.TRUE.equals(f.main()), f.name(),
                f.legalName(), f.siret(), f.vatNumber(), type, f.classificationScheme(), f.classificationValue(),
                persons, rooms, pitches, f.contactName(), f.email(), f.phone(), f.website(),
                // the further contacts come from the tourism database and are not edited here: kept as they are
                existing == null ? List.of() : existing.details().contacts(), f.street(),
                f.postcode(), f.city(), f.country(), lat, lon, custom));
    }

    private static void reject(DirectoryValidationException ex, BindingResult errors, Map<String, String> customErrors) {
        for (DirectoryValidationException.Problem p : ex.problems()) {
            if (p.field().startsWith(DirectoryFields.CUSTOM)) {
                customErrors.put(p.field().substring(DirectoryFields.CUSTOM.length()), p.messageKey());
            } else {
                String field = EstablishmentForm.formField(p.field());
                if (EstablishmentForm.FIELDS.contains(field)) {
                    errors.rejectValue(field, p.messageKey(), p.arguments(), null);
                } else {
                    errors.reject(p.messageKey(), p.arguments(), null);
                }
            }
        }
    }

    private String form(TenantContext tenant, Establishment e, EstablishmentForm form, BindingResult errors,
                        Map<String, String> customErrors, boolean stale, Model model) {
        model.addAttribute("form", form);
        model.addAttribute(BindingResult.MODEL_KEY_PREFIX + "form", errors);
        model.addAttribute("e", e);
        model.addAttribute("types", EstablishmentType.values());
        model.addAttribute("customFields", customFields.of(tenant.id()));
        model.addAttribute("customErrors", customErrors);
        model.addAttribute("stale", stale);
        model.addAttribute("hasErrors", errors.hasErrors() || !customErrors.isEmpty());
        return "directory/establishment-form";
    }

    private static Map<String, String> customParams(Map<String, String> params) {
        Map<String, String> out = new LinkedHashMap<>();
        params.forEach((k, v) -> {
            if (k.startsWith(EstablishmentForm.CUSTOM_PREFIX) && k.length() <= 60) {
                out.put(k.substring(EstablishmentForm.CUSTOM_PREFIX.length()), v == null ? "" : v.trim());
            }
        });
        return out;
    }

    private static Integer integer(String text, String field, BindingResult errors) {
        if (blank(text)) {
            return null;
        }
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            errors.rejectValue(field, "directory.error.capacity", new Object[] {Establishments.MAX_CAPACITY}, null);
            return null;
        }
    }

    private static BigDecimal decimal(String text, String field, BindingResult errors) {
        if (blank(text)) {
            return null;
        }
        BigDecimal n = Criteria.number(text);
        if (n == null) {
            errors.rejectValue(field, "directory.error." + field);
        }
        return n;
    }

    Establishment find(TenantContext tenant, String id) {
        return Uuids.parse(id).flatMap(u -> establishments.find(tenant.id(), new EstablishmentId(u)))
                .orElseThrow(() -> new ResponseStatusException(NOT_FOUND));
    }

    static boolean mayChange(AccountPrincipal me) {
        return me != null && me.role() == Role.TENANT_ADMIN;
    }

    static void requireAdmin(AccountPrincipal me) {
        if (!mayChange(me)) {
            throw new ResponseStatusException(FORBIDDEN);
        }
    }

    static EstablishmentType parseType(String type) {
        try {
            return type == null || type.isBlank() ? null : EstablishmentType.valueOf(type.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static Optional<Integer> parseInt(String text) {
        try {
            return text == null || text.isBlank() ? Optional.empty() : Optional.of(Integer.parseInt(text.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static String trim(String s, int max) {
        if (s == null || s.isBlank()) {
            return null;
        }
        String t = s.strip();
        return t.length() > max ? t.substring(0, max) : t;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
