package eu.localeconomy.membership.reminder;

import eu.localeconomy.account.AccountPrincipal;
import eu.localeconomy.directory.Establishment;
import eu.localeconomy.directory.EstablishmentId;
import eu.localeconomy.directory.Establishments;
import eu.localeconomy.membership.catalogue.Campaign;
import eu.localeconomy.membership.catalogue.CampaignId;
import eu.localeconomy.membership.catalogue.CatalogueAdmin;
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

import java.time.Clock;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.springframework.http.HttpStatus.NOT_FOUND;

/**
 * Back office (tenant administrators, as the security paths say): a campaign's steps, their texts per language with
 * a preview, the buttons that start sending, and the log of what was sent with the opted-out establishments.
 */
@Controller
@ForTenantKind(TenantKind.TOURISM_OFFICE)
class RemindersController {

    static final int PAGE_SIZE = 50;

    private final Reminders reminders;
    private final CatalogueAdmin catalogue;
    private final Establishments establishments;
    private final Clock clock;

    RemindersController(Reminders reminders, CatalogueAdmin catalogue, Establishments establishments, Clock clock) {
        this.reminders = reminders;
        this.catalogue = catalogue;
        this.establishments = establishments;
        this.clock = clock;
    }

    /** A step's row as posted: text, so nothing typed fails the binder. */
    record StepCommand(String days, String active) {
    }

    /** A template as posted. */
    record TemplateCommand(String subject, String body) {
    }

    /** A line of the log as shown. */
    record LogRow(java.time.Instant sentAt, Trigger trigger, String establishment, Language language, String state) {
    }

    @GetMapping("/t/{slug}/office/reminders")
    String campaigns(TenantContext tenant, Model model) {
        model.addAttribute("campaigns", catalogue.campaigns(tenant.id()));
        return "membership/reminder/campaigns";
    }

    @GetMapping("/t/{slug}/office/reminders/{campaignId}")
    String campaign(TenantContext tenant, @PathVariable String campaignId, Model model) {
        return campaignPage(tenant, campaign(tenant, campaignId), model);
    }

    private String campaignPage(TenantContext tenant, Campaign campaign, Model model) {
        model.addAttribute("campaign", campaign);
        model.addAttribute("steps", reminders.steps(tenant.id(), campaign.id()));
        model.addAttribute("languages", Language.EVERY_SCREEN);
        model.addAttribute("invitationsStarted", reminders.invitationsStarted(tenant.id(), campaign.id()));
        return "membership/reminder/campaign";
    }

    @PostMapping("/t/{slug}/office/reminders/{campaignId}/steps/{stepId}")
    String saveStep(TenantContext tenant, @PathVariable String campaignId, @PathVariable String stepId,
                    @ModelAttribute StepCommand form, @AuthenticationPrincipal AccountPrincipal me,
                    Model model, RedirectAttributes redirect) {
        Campaign campaign = campaign(tenant, campaignId);
        ReminderStep step = step(tenant, campaign, stepId);
        Integer days = parseDays(step.trigger() == Trigger.INVITATION ? "0" : form.days());
        if (days == null) {
            // The page again, the row's field marked and the error summary linked to it.
            model.addAttribute("stepError", step.id());
            model.addAttribute("stepErrorValue", form.days() == null ? "" : form.days());
            return campaignPage(tenant, campaign, model);
        }
        reminders.updateStep(tenant.id(), step.id(), days, "true".equals(form.active()), me);
        redirect.addFlashAttribute("notice", "reminder.step.saved");
        return "redirect:" + base(tenant, campaign);
    }

    @PostMapping("/t/{slug}/office/reminders/{campaignId}/send-invitations")
    String sendInvitations(TenantContext tenant, @PathVariable String campaignId,
                           @AuthenticationPrincipal AccountPrincipal me, RedirectAttributes redirect) {
        Campaign campaign = campaign(tenant, campaignId);
        if (!campaign.acceptsOrders(tenant.today(clock))) {
            redirect.addFlashAttribute("alert", "reminder.send.notOpen");
            return "redirect:" + base(tenant, campaign);
        }
        UUID job = reminders.start(tenant.id(), campaign.id(), Reminders.Scope.INVITATIONS, me);
        return "redirect:" + tenant.path() + "/office/jobs/" + job;
    }

    @PostMapping("/t/{slug}/office/reminders/{campaignId}/run")
    String run(TenantContext tenant, @PathVariable String campaignId, @AuthenticationPrincipal AccountPrincipal me) {
        Campaign campaign = campaign(tenant, campaignId);
        UUID job = reminders.start(tenant.id(), campaign.id(), Reminders.Scope.REMINDERS, me);
        return "redirect:" + tenant.path() + "/office/jobs/" + job;
    }

    @GetMapping("/t/{slug}/office/reminders/{campaignId}/steps/{stepId}")
    String template(TenantContext tenant, @PathVariable String campaignId, @PathVariable String stepId,
                    @RequestParam(name = "language", required = false) String language,
                    @RequestParam(name = "establishment", required = false) String establishment,
                    @RequestParam(name = "previewLanguage", required = false) String previewLanguage,
                    @RequestHeader(name = "HX-Request", required = false) String htmx,
                    @RequestHeader(name = "HX-History-Restore-Request", required = false) String restore,
                    HttpServletResponse response, Model model) {
        Campaign campaign = campaign(tenant, campaignId);
        ReminderStep step = step(tenant, campaign, stepId);
        Language editing = screenLanguage(language).orElse(defaultLanguage(tenant));
        ReminderTemplate saved = reminders.template(tenant.id(), step, editing);
        TemplateCommand form = new TemplateCommand(saved.subject(), saved.body());
        editorModel(tenant, campaign, step, editing, form, new BeanPropertyBindingResult(form, "form"), model);
        Optional<Establishment> chosen = Uuids.parse(establishment).map(EstablishmentId::new)
                .flatMap(id -> establishments.find(tenant.id(), id)).filter(e -> !e.archived());
        if (chosen.isPresent()) {
            Language shown = screenLanguage(previewLanguage).orElse(editing);
            model.addAttribute("preview", reminders.preview(tenant, step, chosen.get(), shown));
            model.addAttribute("previewEstablishment", chosen.get());
            model.addAttribute("previewLanguage", shown);
            model.addAttribute("previewRecipients", reminders.recipients(tenant, chosen.get()));
        } else if (establishment != null && !establishment.isBlank()) {
            model.addAttribute("previewMissing", true);
        }
        response.setHeader("Vary", "HX-Request");
        return htmx != null && restore == null ? "membership/reminder/template :: preview" : "membership/reminder/template";
    }

    @PostMapping("/t/{slug}/office/reminders/{campaignId}/steps/{stepId}/templates/{language}")
    String saveTemplate(TenantContext tenant, @PathVariable String campaignId, @PathVariable String stepId,
                        @PathVariable String language, @ModelAttribute("form") TemplateCommand form,
                        @AuthenticationPrincipal AccountPrincipal me, Model model, RedirectAttributes redirect) {
        Campaign campaign = campaign(tenant, campaignId);
        ReminderStep step = step(tenant, campaign, stepId);
        Language editing = screenLanguage(language).orElseThrow(() -> new ResponseStatusException(NOT_FOUND));
        String subject = form.subject() == null ? "" : form.subject();
        String body = form.body() == null ? "" : form.body();
        var problems = reminders.saveTemplate(tenant.id(), step, editing, new ReminderTemplate(subject, body), me);
        if (problems.isEmpty()) {
            redirect.addFlashAttribute("notice", "reminder.template.saved");
            return "redirect:" + base(tenant, campaign) + "/steps/" + step.id() + "?language=" + editing.code();
        }
        BindingResult errors = new BeanPropertyBindingResult(form, "form");
        for (TemplateText.Problem p : problems) {
            errors.rejectValue(p.field(), p.key(), p.argument() == null ? null : new Object[]{p.argument()}, p.key());
        }
        editorModel(tenant, campaign, step, editing, form, errors, model);
        return "membership/reminder/template";
    }

    @GetMapping("/t/{slug}/office/reminders/{campaignId}/log")
    String log(TenantContext tenant, @PathVariable String campaignId,
               @RequestParam(name = "step", required = false) String stepFilter,
               @RequestParam(name = "language", required = false) String languageFilter,
               @RequestParam(name = "establishment", required = false) String establishmentFilter,
               @RequestParam(name = "page", required = false) String pageParam, Model model) {
        Campaign campaign = campaign(tenant, campaignId);
        List<ReminderStep> steps = reminders.steps(tenant.id(), campaign.id());
        UUID step = Uuids.parse(stepFilter).filter(id -> steps.stream().anyMatch(s -> s.id().equals(id))).orElse(null);
        Language language = screenLanguage(languageFilter).orElse(null);
        EstablishmentId establishment = Uuids.parse(establishmentFilter).map(EstablishmentId::new).orElse(null);
        int total = reminders.logCount(tenant.id(), campaign.id(), step, language, establishment);
        int pages = Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
        int page = Math.min(pages, Math.max(1, parsePage(pageParam)));
        var sent = reminders.log(tenant.id(), campaign.id(), step, language, establishment, (page - 1) * PAGE_SIZE, PAGE_SIZE);
        var names = names(tenant, sent.stream().map(ReminderStore.Sent::establishment).toList());
        var states = reminders.mailStates(tenant.id(), sent.stream().map(ReminderStore.Sent::mailId)
                .filter(java.util.Objects::nonNull).toList());
        model.addAttribute("rows", sent.stream().map(s -> new LogRow(s.sentAt(), s.trigger(),
                names.getOrDefault(s.establishment(), "—"), s.language(),
                s.mailId() == null ? "NONE" : states.getOrDefault(s.mailId(), "PURGED"))).toList());
        var logged = names(tenant, reminders.loggedEstablishments(tenant.id(), campaign.id()));
        model.addAttribute("establishments", logged.entrySet().stream().sorted(Map.Entry.comparingByValue()).toList());
        var optOuts = reminders.optOuts(tenant.id());
        var optOutNames = names(tenant, optOuts.stream().map(ReminderStore.OptOut::establishment).toList());
        model.addAttribute("optOuts", optOuts.stream().map(o -> Map.entry(optOutNames.getOrDefault(o.establishment(), "—"), o.at()))
                .toList());
        model.addAttribute("campaign", campaign);
        model.addAttribute("steps", steps);
        model.addAttribute("languages", Language.EVERY_SCREEN);
        model.addAttribute("filterStep", step);
        model.addAttribute("filterLanguage", language);
        model.addAttribute("filterEstablishment", establishment == null ? null : establishment.value());
        model.addAttribute("page", page);
        model.addAttribute("pages", pages);
        model.addAttribute("total", total);
        return "membership/reminder/log";
    }

    private void editorModel(TenantContext tenant, Campaign campaign, ReminderStep step, Language editing,
                             TemplateCommand form, BindingResult errors, Model model) {
        model.addAttribute("campaign", campaign);
        model.addAttribute("step", step);
        model.addAttribute("language", editing);
        model.addAttribute("languages", Language.EVERY_SCREEN);
        model.addAttribute("form", form);
        model.addAttribute(BindingResult.MODEL_KEY_PREFIX + "form", errors);
        model.addAttribute("placeholders", TemplateText.PLACEHOLDERS.stream()
                .filter(p -> step.trigger().aboutOrder() || !(p.equals("amount") || p.equals("dueDate")))
                .filter(p -> !step.mandatory() || !p.equals("optOutLink")).toList());
        model.addAttribute("prospects", reminders.prospectEstablishments(tenant.id(), campaign.id()).stream()
                .sorted(Comparator.comparing(Establishment::name)).toList());
    }

    private Map<EstablishmentId, String> names(TenantContext tenant, List<EstablishmentId> ids) {
        if (ids.isEmpty()) {
            return new HashMap<>();
        }
        return establishments.findAll(tenant.id(), ids.stream().distinct().toList()).stream()
                .collect(Collectors.toMap(Establishment::id, Establishment::name, (a, b) -> a));
    }

    private Campaign campaign(TenantContext tenant, String id) {
        return Uuids.parse(id).map(CampaignId::new).flatMap(c -> catalogue.campaign(tenant.id(), c))
                .orElseThrow(() -> new ResponseStatusException(NOT_FOUND));
    }

    private ReminderStep step(TenantContext tenant, Campaign campaign, String id) {
        return Uuids.parse(id).flatMap(s -> reminders.step(tenant.id(), s))
                .filter(s -> s.campaign().equals(campaign.id()))
                .orElseThrow(() -> new ResponseStatusException(NOT_FOUND));
    }

    private static String base(TenantContext tenant, Campaign campaign) {
        return tenant.path() + "/office/reminders/" + campaign.id().value();
    }

    private static Optional<Language> screenLanguage(String code) {
        return Language.fromCode(code).filter(Language.EVERY_SCREEN::contains);
    }

    private static Language defaultLanguage(TenantContext tenant) {
        return Language.EVERY_SCREEN.contains(tenant.defaultLanguage()) ? tenant.defaultLanguage() : Language.FR;
    }

    private static Integer parseDays(String text) {
        if (text == null || !text.strip().matches("\\d{1,3}")) {
            return null;
        }
        int days = Integer.parseInt(text.strip());
        return days <= 365 ? days : null;
    }

    private static int parsePage(String text) {
        return text != null && text.matches("\\d{1,6}") ? Integer.parseInt(text) : 1;
    }

}
