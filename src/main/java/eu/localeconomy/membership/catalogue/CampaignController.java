package eu.localeconomy.membership.catalogue;

import eu.localeconomy.account.AccountPrincipal;
import eu.localeconomy.directory.Segment;
import eu.localeconomy.directory.SegmentId;
import eu.localeconomy.directory.Segments;
import eu.localeconomy.membership.catalogue.CatalogueAdmin.CampaignForm;
import eu.localeconomy.membership.catalogue.CatalogueAdmin.RangeForm;
import eu.localeconomy.shared.ForTenantKind;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantContext;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.shared.Uuids;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.springframework.http.HttpStatus.NOT_FOUND;

/**
 * Back office (tenant administrators): a tourism office's campaigns, their ranges and the segments each range is
 * offered to, the launch checks and the way to the price matrix and "view as prospect".
 */
@Controller
@ForTenantKind(TenantKind.TOURISM_OFFICE)
class CampaignController {

    private final CatalogueAdmin admin;
    private final Segments segments;
    private final LaunchChecks checks;
    private final Clock clock;
    private final MessageSource messages;

    CampaignController(CatalogueAdmin admin, Segments segments, LaunchChecks checks, Clock clock,
                       MessageSource messages) {
        this.admin = admin;
        this.segments = segments;
        this.checks = checks;
        this.clock = clock;
        this.messages = messages;
    }

    /** The campaign form as posted: text everywhere, so nothing typed fails the binder. */
    record CampaignCommand(String season, String name, String opensOn, String closesOn, String status,
                           String introFr, String introNl, String introEn) {

        static final Set<String> FIELDS = Set.of("season", "name", "opensOn", "closesOn", "status", "introFr",
                "introNl", "introEn");

        static CampaignCommand of(Campaign c) {
            return new CampaignCommand(String.valueOf(c.season()), c.name(), c.opensOn().toString(),
                    c.closesOn().toString(), c.status().name(), OfficeForms.text(c.intros(), Language.FR),
                    OfficeForms.text(c.intros(), Language.NL), OfficeForms.text(c.intros(), Language.EN));
        }

        static CampaignCommand empty(LocalDate today) {
            return new CampaignCommand(String.valueOf(today.getYear() + 1), "", "", "", CampaignStatus.DRAFT.name(),
                    "", "", "");
        }

        CampaignForm parse(BindingResult errors) {
            Integer year = OfficeForms.integer(season, "season", errors, "catalogue.campaign.error.season");
            LocalDate opens = OfficeForms.date(opensOn, "opensOn", errors, "catalogue.error.date");
            LocalDate closes = OfficeForms.date(closesOn, "closesOn", errors, "catalogue.error.date");
            CampaignStatus parsed = Arrays.stream(CampaignStatus.values()).filter(s -> s.name().equals(status))
                    .findFirst().orElse(null);
            // Integer.valueOf keeps the conditional boxed: a blank season must stay null, not unbox.
            Integer typed = year == null && season != null && !season.isBlank() ? Integer.valueOf(-1) : year;
            return new CampaignForm(typed, name, opens, closes, parsed, OfficeForms.texts(introFr, introNl, introEn));
        }
    }

    record RangeCommand(String nameFr, String nameNl, String nameEn, String additional, String position) {
        RangeForm parse(BindingResult errors) {
            Integer at = OfficeForms.integer(position, "position", errors, "catalogue.error.position");
            return new RangeForm(OfficeForms.texts(nameFr, nameNl, nameEn), "true".equals(additional),
                    at == null ? 0 : at);
        }
    }

    @GetMapping("/t/{slug}/office/campaigns")
    String list(TenantContext tenant, Model model) {
        model.addAttribute("campaigns", admin.campaigns(tenant.id()));
        return "membership/catalogue/campaigns";
    }

    @GetMapping("/t/{slug}/office/campaigns/new")
    String createForm(TenantContext tenant, Model model) {
        CampaignCommand form = CampaignCommand.empty(tenant.today(clock));
        model.addAttribute("form", form);
        model.addAttribute(BindingResult.MODEL_KEY_PREFIX + "form", new BeanPropertyBindingResult(form, "form"));
        model.addAttribute("statuses", CampaignStatus.values());
        return "membership/catalogue/campaign-new";
    }

    @PostMapping("/t/{slug}/office/campaigns")
    String create(TenantContext tenant, @ModelAttribute("form") CampaignCommand form,
                  @AuthenticationPrincipal AccountPrincipal me, Model model, RedirectAttributes redirect) {
        BindingResult errors = new BeanPropertyBindingResult(form, "form");
        CampaignForm parsed = form.parse(errors);
        if (errors.hasErrors()) {
            OfficeForms.reject(CatalogueAdmin.problems(parsed), errors, CampaignCommand.FIELDS);
        } else {
            try {
                CampaignId id = admin.createCampaign(tenant.id(), parsed, me);
                redirect.addFlashAttribute("notice", "catalogue.campaign.created");
                return "redirect:" + tenant.path() + "/office/campaigns/" + id;
            } catch (CatalogueValidationException e) {
                OfficeForms.reject(e, errors, CampaignCommand.FIELDS);
            }
        }
        model.addAttribute(BindingResult.MODEL_KEY_PREFIX + "form", errors);
        model.addAttribute("statuses", CampaignStatus.values());
        return "membership/catalogue/campaign-new";
    }

    @GetMapping("/t/{slug}/office/campaigns/{id}")
    String show(TenantContext tenant, @PathVariable String id, Model model) {
        Campaign campaign = campaign(tenant, id);
        CampaignCommand form = CampaignCommand.of(campaign);
        return page(tenant, campaign, form, new BeanPropertyBindingResult(form, "form"), model);
    }

    @PostMapping("/t/{slug}/office/campaigns/{id}")
    String update(TenantContext tenant, @PathVariable String id, @ModelAttribute("form") CampaignCommand form,
                  @AuthenticationPrincipal AccountPrincipal me, Model model, RedirectAttributes redirect) {
        Campaign campaign = campaign(tenant, id);
        BindingResult errors = new BeanPropertyBindingResult(form, "form");
        CampaignForm parsed = form.parse(errors);
        if (errors.hasErrors()) {
            OfficeForms.reject(CatalogueAdmin.problems(parsed), errors, CampaignCommand.FIELDS);
        } else {
            try {
                admin.updateCampaign(tenant.id(), campaign.id(), parsed, me);
                redirect.addFlashAttribute("notice", "catalogue.campaign.updated");
                return "redirect:" + tenant.path() + "/office/campaigns/" + campaign.id();
            } catch (CatalogueValidationException e) {
                OfficeForms.reject(e, errors, CampaignCommand.FIELDS);
            }
        }
        return page(tenant, campaign, form, errors, model);
    }

    @PostMapping("/t/{slug}/office/campaigns/{id}/ranges")
    String createRange(TenantContext tenant, @PathVariable String id, @ModelAttribute RangeCommand range,
                       @AuthenticationPrincipal AccountPrincipal me, RedirectAttributes redirect) {
        Campaign campaign = campaign(tenant, id);
        BindingResult errors = new BeanPropertyBindingResult(range, "range");
        RangeForm parsed = range.parse(errors);
        try {
            if (!errors.hasErrors()) {
                admin.createRange(tenant.id(), campaign.id(), parsed, me);
                redirect.addFlashAttribute("notice", "catalogue.range.created");
            }
        } catch (CatalogueValidationException e) {
            OfficeForms.reject(e, errors, Set.of());
        }
        return back(tenant, campaign, errors, redirect);
    }

    @PostMapping("/t/{slug}/office/campaigns/{id}/ranges/{rangeId}")
    String updateRange(TenantContext tenant, @PathVariable String id, @PathVariable String rangeId,
                       @ModelAttribute RangeCommand range, @AuthenticationPrincipal AccountPrincipal me,
                       RedirectAttributes redirect) {
        Campaign campaign = campaign(tenant, id);
        RangeId rangeOf = range(tenant, campaign, rangeId);
        BindingResult errors = new BeanPropertyBindingResult(range, "range");
        RangeForm parsed = range.parse(errors);
        try {
            if (!errors.hasErrors()) {
                admin.updateRange(tenant.id(), rangeOf, parsed, me);
                redirect.addFlashAttribute("notice", "catalogue.range.updated");
            }
        } catch (CatalogueValidationException e) {
            OfficeForms.reject(e, errors, Set.of());
        }
        return back(tenant, campaign, errors, redirect);
    }

    @PostMapping("/t/{slug}/office/campaigns/{id}/ranges/{rangeId}/segments")
    String assign(TenantContext tenant, @PathVariable String id, @PathVariable String rangeId,
                  @RequestParam(name = "segment", required = false) String segment,
                  @RequestParam(name = "priority", required = false) String priority,
                  @AuthenticationPrincipal AccountPrincipal me, RedirectAttributes redirect) {
        Campaign campaign = campaign(tenant, id);
        RangeId rangeOf = range(tenant, campaign, rangeId);
        BindingResult errors = new BeanPropertyBindingResult(new Object(), "assignment");
        var segmentId = Uuids.parse(segment).map(SegmentId::new);
        Integer level = OfficeForms.integer(priority, null, errors, "catalogue.range.error.priority");
        if (segmentId.isEmpty()) {
            errors.reject("catalogue.range.error.segment");
        }
        try {
            if (!errors.hasErrors()) {
                admin.assign(tenant.id(), rangeOf, segmentId.get(), level == null ? 0 : level, me);
                redirect.addFlashAttribute("notice", "catalogue.range.assigned");
            }
        } catch (CatalogueValidationException e) {
            OfficeForms.reject(e, errors, Set.of());
        }
        return back(tenant, campaign, errors, redirect);
    }

    @PostMapping("/t/{slug}/office/campaigns/{id}/ranges/{rangeId}/segments/{segmentId}/remove")
    String unassign(TenantContext tenant, @PathVariable String id, @PathVariable String rangeId,
                    @PathVariable String segmentId, @AuthenticationPrincipal AccountPrincipal me,
                    RedirectAttributes redirect) {
        Campaign campaign = campaign(tenant, id);
        RangeId rangeOf = range(tenant, campaign, rangeId);
        admin.unassign(tenant.id(), rangeOf, new SegmentId(OfficeForms.uuidOr404(segmentId)), me);
        redirect.addFlashAttribute("notice", "catalogue.range.unassigned");
        return "redirect:" + tenant.path() + "/office/campaigns/" + campaign.id() + "#ranges";
    }

    private String back(TenantContext tenant, Campaign campaign, BindingResult errors, RedirectAttributes redirect) {
        if (errors.hasErrors()) {
            redirect.addFlashAttribute("rangeErrors", errors.getAllErrors().stream()
                    .map(e -> messages.getMessage(e.getCode(), e.getArguments(), LocaleContextHolder.getLocale()))
                    .toList());
        }
        return "redirect:" + tenant.path() + "/office/campaigns/" + campaign.id() + "#ranges";
    }

    private String page(TenantContext tenant, Campaign campaign, CampaignCommand form, BindingResult errors,
                        Model model) {
        LocalDate today = tenant.today(clock);
        List<Segment> all = segments.of(tenant.id());
        Map<SegmentId, String> segmentNames = new HashMap<>();
        all.forEach(s -> segmentNames.put(s.id(), s.name()));
        List<CatalogueAdmin.RangeView> ranges = admin.ranges(tenant.id(), campaign.id());
        List<CatalogueAdmin.ProductView> products = admin.products(tenant.id(), campaign.id());
        model.addAttribute("campaign", campaign);
        model.addAttribute("form", form);
        model.addAttribute(BindingResult.MODEL_KEY_PREFIX + "form", errors);
        model.addAttribute("statuses", CampaignStatus.values());
        model.addAttribute("ranges", ranges);
        model.addAttribute("langs", List.of(Language.FR, Language.NL, Language.EN));
        model.addAttribute("language", Language.fromLocale(LocaleContextHolder.getLocale()).orElse(Language.FR));
        model.addAttribute("products", products);
        model.addAttribute("segments", all);
        model.addAttribute("segmentNames", segmentNames);
        LaunchChecks.Result result = checks.check(tenant.id(), campaign.id(), today);
        model.addAttribute("checks", result);
        model.addAttribute("prospects", result.prospectSample());
        return "membership/catalogue/campaign";
    }

    private Campaign campaign(TenantContext tenant, String id) {
        return admin.campaign(tenant.id(), new CampaignId(OfficeForms.uuidOr404(id)))
                .orElseThrow(() -> new ResponseStatusException(NOT_FOUND));
    }

    private RangeId range(TenantContext tenant, Campaign campaign, String rangeId) {
        RangeId range = new RangeId(OfficeForms.uuidOr404(rangeId));
        if (!admin.campaignOfRange(tenant.id(), range).map(campaign.id()::equals).orElse(false)) {
            throw new ResponseStatusException(NOT_FOUND);
        }
        return range;
    }
}
