package eu.localeconomy.membership.followup;

import eu.localeconomy.account.AccountPrincipal;
import eu.localeconomy.account.Role;
import eu.localeconomy.directory.Establishment;
import eu.localeconomy.directory.EstablishmentId;
import eu.localeconomy.directory.Establishments;
import eu.localeconomy.membership.catalogue.Campaign;
import eu.localeconomy.membership.catalogue.CampaignId;
import eu.localeconomy.membership.extranet.Orders;
import eu.localeconomy.shared.ForTenantKind;
import eu.localeconomy.shared.TenantContext;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.shared.Uuids;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.springframework.http.HttpStatus.FORBIDDEN;
import static org.springframework.http.HttpStatus.NOT_FOUND;

/**
 * Back office: an establishment's timeline. Every staff role reads it; administrators, finance and helpdesk add notes
 * and record or withdraw "not this season" for a campaign (read-only staff do not).
 */
@Controller
@ForTenantKind(TenantKind.TOURISM_OFFICE)
class TimelineController {

    static final Set<Role> MAY_CHANGE = Set.of(Role.TENANT_ADMIN, Role.FINANCE, Role.HELPDESK);
    static final String PAGE = "membership/followup/timeline";

    /** The note form as posted: text only, so whatever is posted gets a message rather than a 400. */
    record NoteCommand(String body, String campaign) {
    }

    record DeclineCommand(String campaign, String reason) {
    }

    /** A campaign and what the establishment said about it. */
    record CampaignState(Campaign campaign, Declines.Decline decline, boolean ordered) {
    }

    private final Establishments establishments;
    private final Timeline timeline;
    private final Notes notes;
    private final Declines declines;
    private final CampaignFollowUp followUp;
    private final Orders orders;

    TimelineController(Establishments establishments, Timeline timeline, Notes notes, Declines declines,
                       CampaignFollowUp followUp, Orders orders) {
        this.establishments = establishments;
        this.timeline = timeline;
        this.notes = notes;
        this.declines = declines;
        this.followUp = followUp;
        this.orders = orders;
    }

    @GetMapping("/t/{slug}/office/follow-up/establishments/{id}")
    String page(TenantContext tenant, @PathVariable String id, @AuthenticationPrincipal AccountPrincipal me,
                Model model) {
        Establishment establishment = establishment(tenant, id);
        return page(tenant, establishment, me, new NoteCommand("", ""), new DeclineCommand("", ""), Map.of(), model);
    }

    @PostMapping("/t/{slug}/office/follow-up/establishments/{id}/notes")
    String addNote(TenantContext tenant, @PathVariable String id, @ModelAttribute NoteCommand form,
                   @AuthenticationPrincipal AccountPrincipal me, HttpServletResponse response, Model model,
                   RedirectAttributes redirect) {
        Establishment establishment = establishment(tenant, id);
        requireMayChange(me);
        String body = form.body() == null ? "" : form.body().strip();
        Map<String, String> problems = new LinkedHashMap<>();
        if (body.isEmpty()) {
            problems.put("body", "followup.note.error.empty");
        } else if (body.length() > Notes.MAX_BODY) {
            problems.put("body", "followup.note.error.long");
        }
        CampaignId campaign = null;
        if (form.campaign() != null && !form.campaign().isBlank()) {
            campaign = campaignOf(tenant, form.campaign());
            if (campaign == null) {
                problems.put("note-campaign", "followup.note.error.campaign");
            }
        }
        if (!problems.isEmpty()) {
            response.setStatus(422);
            return page(tenant, establishment, me, form, new DeclineCommand("", ""), problems, model);
        }
        notes.add(tenant.id(), establishment.id(), campaign, body, me);
        redirect.addFlashAttribute("notice", "followup.note.added");
        return "redirect:" + base(tenant, establishment.id());
    }

    @PostMapping("/t/{slug}/office/follow-up/establishments/{id}/decline")
    String decline(TenantContext tenant, @PathVariable String id, @ModelAttribute DeclineCommand form,
                   @AuthenticationPrincipal AccountPrincipal me, HttpServletResponse response, Model model,
                   RedirectAttributes redirect) {
        Establishment establishment = establishment(tenant, id);
        requireMayChange(me);
        Map<String, String> problems = new LinkedHashMap<>();
        CampaignId campaign = campaignOf(tenant, form.campaign());
        String reason = form.reason() == null ? "" : form.reason().strip();
        if (campaign == null) {
            problems.put("decline-campaign", "followup.decline.error.campaign");
        } else if (orders.live(tenant.id(), campaign, establishment.id()).isPresent()) {
            problems.put("decline-campaign", "followup.decline.error.ordered");
        }
        if (reason.length() > Declines.MAX_REASON) {
            problems.put("decline-reason", "followup.decline.error.long");
        }
        if (!problems.isEmpty()) {
            response.setStatus(422);
            return page(tenant, establishment, me, new NoteCommand("", ""), form, problems, model);
        }
        declines.decline(tenant.id(), campaign, establishment.id(), reason, me, false);
        redirect.addFlashAttribute("notice", "followup.decline.recorded");
        return "redirect:" + base(tenant, establishment.id());
    }

    @PostMapping("/t/{slug}/office/follow-up/establishments/{id}/decline/withdraw")
    String withdraw(TenantContext tenant, @PathVariable String id, @ModelAttribute DeclineCommand form,
                    @AuthenticationPrincipal AccountPrincipal me, RedirectAttributes redirect) {
        Establishment establishment = establishment(tenant, id);
        requireMayChange(me);
        CampaignId campaign = campaignOf(tenant, form.campaign());
        if (campaign != null && declines.withdraw(tenant.id(), campaign, establishment.id(), me, false)) {
            redirect.addFlashAttribute("notice", "followup.decline.withdrawn");
        }
        return "redirect:" + base(tenant, establishment.id());
    }

    private String page(TenantContext tenant, Establishment establishment, AccountPrincipal me, NoteCommand note,
                        DeclineCommand decline, Map<String, String> problems, Model model) {
        List<CampaignState> states = new ArrayList<>();
        for (Campaign c : followUp.campaigns(tenant.id())) {
            states.add(new CampaignState(c, declines.of(tenant.id(), c.id(), establishment.id()).orElse(null),
                    orders.live(tenant.id(), c.id(), establishment.id()).isPresent()));
        }
        model.addAttribute("e", establishment);
        model.addAttribute("entries", timeline.of(tenant.id(), establishment.id()));
        model.addAttribute("campaignStates", states);
        model.addAttribute("mayChange", me != null && MAY_CHANGE.contains(me.role()));
        model.addAttribute("note", note);
        model.addAttribute("decline", decline);
        model.addAttribute("problems", problems);
        model.addAttribute("pageBase", base(tenant, establishment.id()));
        return PAGE;
    }

    private Establishment establishment(TenantContext tenant, String id) {
        return Uuids.parse(id).map(EstablishmentId::new).flatMap(e -> establishments.find(tenant.id(), e))
                .orElseThrow(() -> new ResponseStatusException(NOT_FOUND));
    }

    private CampaignId campaignOf(TenantContext tenant, String id) {
        return Uuids.parse(id).map(CampaignId::new).flatMap(c -> followUp.campaign(tenant.id(), c)).map(Campaign::id)
                .orElse(null);
    }

    private static void requireMayChange(AccountPrincipal me) {
        if (me == null || !MAY_CHANGE.contains(me.role())) {
            throw new ResponseStatusException(FORBIDDEN);
        }
    }

    private static String base(TenantContext tenant, EstablishmentId id) {
        return tenant.path() + "/office/follow-up/establishments/" + id;
    }
}
