package eu.localeconomy.membership.followup;

import eu.localeconomy.directory.Establishment;
import eu.localeconomy.directory.EstablishmentType;
import eu.localeconomy.directory.Establishments;
import eu.localeconomy.membership.catalogue.Campaign;
import eu.localeconomy.membership.catalogue.CampaignId;
import eu.localeconomy.membership.followup.CampaignFollowUp.Item;
import eu.localeconomy.membership.followup.CampaignFollowUp.Snapshot;
import eu.localeconomy.membership.followup.Figures.Received;
import eu.localeconomy.membership.followup.Figures.Revenue;
import eu.localeconomy.shared.ForTenantKind;
import eu.localeconomy.shared.TenantContext;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.shared.Uuids;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static org.springframework.http.HttpStatus.NOT_FOUND;

/**
 * Back office, every staff role (reading only): the campaign dashboard and the prospect lists behind its numbers,
 * filterable, paged and exported as CSV or XLSX with the same filters.
 */
@Controller
@ForTenantKind(TenantKind.TOURISM_OFFICE)
class FollowUpController {

    static final String DASHBOARD = "membership/followup/dashboard";
    static final String PROSPECTS = "membership/followup/prospects";

    /** A row of revenue with the previous season's figures for the same range or product (matched by its key). */
    record Compared(Item item, Revenue current, Revenue previous, Item previousItem) {
    }

    record ComparedMethod(Received current, Received previous) {
    }

    private final CampaignFollowUp followUp;
    private final Establishments establishments;
    private final ProspectExport export;

    FollowUpController(CampaignFollowUp followUp, Establishments establishments, ProspectExport export) {
        this.followUp = followUp;
        this.establishments = establishments;
        this.export = export;
    }

    @GetMapping("/t/{slug}/office/follow-up")
    String index(TenantContext tenant, @RequestParam(name = "campaign", required = false) String chosen, Model model) {
        var campaign = Uuids.parse(chosen).map(CampaignId::new).flatMap(id -> followUp.campaign(tenant.id(), id))
                .or(() -> followUp.current(tenant));
        if (campaign.isPresent()) {
            return "redirect:" + tenant.path() + "/office/follow-up/campaigns/" + campaign.get().id();
        }
        return "membership/followup/none";
    }

    @GetMapping("/t/{slug}/office/follow-up/campaigns/{id}")
    String dashboard(TenantContext tenant, @PathVariable String id, Model model) {
        Campaign campaign = campaign(tenant, id);
        List<Establishment> directory = establishments.all(tenant.id());
        Figures figures = Figures.of(followUp.snapshot(tenant, campaign, directory));
        List<Campaign> campaigns = followUp.campaigns(tenant.id());
        Figures previous = CampaignFollowUp.previous(campaigns, campaign)
                .map(p -> Figures.of(followUp.snapshot(tenant, p, directory))).orElse(null);
        model.addAttribute("campaign", campaign);
        model.addAttribute("campaigns", campaigns);
        model.addAttribute("figures", figures);
        model.addAttribute("previous", previous);
        model.addAttribute("stages", Stage.FUNNEL);
        model.addAttribute("allStages", Stage.values());
        model.addAttribute("declinedStage", Stage.DECLINED);
        model.addAttribute("byRange", compare(figures.byRange(), previous == null ? null : previous.byRange()));
        model.addAttribute("byProduct", compare(figures.byProduct(), previous == null ? null : previous.byProduct()));
        List<ComparedMethod> methods = new ArrayList<>();
        for (int i = 0; i < figures.byMethod().size(); i++) {
            methods.add(new ComparedMethod(figures.byMethod().get(i), previous == null ? null : previous.byMethod().get(i)));
        }
        model.addAttribute("byMethod", methods);
        model.addAttribute("chartWidth", Charts.WIDTH);
        model.addAttribute("pageBase", tenant.path() + "/office/follow-up/campaigns/");
        return DASHBOARD;
    }

    @GetMapping("/t/{slug}/office/follow-up/campaigns/{id}/prospects")
    String prospects(TenantContext tenant, @PathVariable String id, @RequestParam Map<String, String> params,
                     @RequestHeader(name = "HX-Request", required = false) String htmx,
                     @RequestHeader(name = "HX-History-Restore-Request", required = false) String restore,
                     HttpServletResponse response, Model model) {
        Campaign campaign = campaign(tenant, id);
        ProspectFilter filter = ProspectFilter.parse(params);
        Snapshot snapshot = followUp.snapshot(tenant, campaign);
        List<ProspectFilter.Row> rows = filter.apply(snapshot);
        int pages = ProspectFilter.pages(rows.size());
        int page = Math.min(filter.page(), pages);
        long total = rows.stream().filter(r -> r.amount() != null).mapToLong(r -> r.amount().cents()).sum();
        model.addAttribute("campaign", campaign);
        model.addAttribute("filter", filter);
        model.addAttribute("rows", ProspectFilter.page(rows, page));
        model.addAttribute("count", rows.size());
        model.addAttribute("total", new eu.localeconomy.shared.Money(total, snapshot.currency()));
        model.addAttribute("page", page);
        model.addAttribute("pages", pages);
        model.addAttribute("stages", Stage.values());
        model.addAttribute("types", EstablishmentType.values());
        model.addAttribute("ranges", snapshot.ranges());
        model.addAttribute("products", snapshot.products());
        model.addAttribute("filterRange", snapshot.range(filter.range()).orElse(null));
        model.addAttribute("filterProduct", snapshot.product(filter.product()).orElse(null));
        model.addAttribute("rangeNames", names(snapshot.ranges()));
        model.addAttribute("pageBase", tenant.path() + "/office/follow-up/campaigns/" + campaign.id() + "/prospects");
        response.setHeader("Vary", "HX-Request");
        return htmx != null && restore == null ? PROSPECTS + " :: results" : PROSPECTS;
    }

    @GetMapping("/t/{slug}/office/follow-up/campaigns/{id}/prospects.csv")
    void csv(TenantContext tenant, @PathVariable String id, @RequestParam Map<String, String> params, Locale locale,
             HttpServletResponse response) throws IOException {
        Campaign campaign = campaign(tenant, id);
        ProspectFilter filter = ProspectFilter.parse(params);
        Snapshot snapshot = followUp.snapshot(tenant, campaign);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"prospects.csv\"");
        export.csv(snapshot, filter.apply(snapshot), filter.hasAmount(), locale, tenant.zone(), response.getOutputStream());
    }

    @GetMapping("/t/{slug}/office/follow-up/campaigns/{id}/prospects.xlsx")
    void xlsx(TenantContext tenant, @PathVariable String id, @RequestParam Map<String, String> params, Locale locale,
              HttpServletResponse response) throws IOException {
        Campaign campaign = campaign(tenant, id);
        ProspectFilter filter = ProspectFilter.parse(params);
        Snapshot snapshot = followUp.snapshot(tenant, campaign);
        response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"prospects.xlsx\"");
        export.xlsx(snapshot, filter.apply(snapshot), filter.hasAmount(), locale, tenant.zone(), response.getOutputStream());
    }

    private Campaign campaign(TenantContext tenant, String id) {
        return Uuids.parse(id).map(CampaignId::new).flatMap(c -> followUp.campaign(tenant.id(), c))
                .orElseThrow(() -> new ResponseStatusException(NOT_FOUND));
    }

    /** This season's rows, each with last season's row of the same key, then last season's rows that no longer exist. */
    static List<Compared> compare(List<Revenue> current, List<Revenue> previous) {
        List<Compared> rows = new ArrayList<>();
        Map<String, Revenue> before = new HashMap<>();
        if (previous != null) {
            previous.forEach(r -> before.putIfAbsent(r.item().key(), r));
        }
        Set<String> matched = new HashSet<>();
        for (Revenue r : current) {
            Revenue p = before.get(r.item().key());
            if (p != null) {
                matched.add(r.item().key());
            }
            rows.add(new Compared(r.item(), r, p, p == null ? null : p.item()));
        }
        if (previous != null) {
            previous.stream().filter(p -> !matched.contains(p.item().key()))
                    .forEach(p -> rows.add(new Compared(p.item(), null, p, p.item())));
        }
        return rows;
    }

    private static Map<java.util.UUID, Item> names(List<Item> items) {
        return items.stream().collect(java.util.stream.Collectors.toMap(Item::id, Function.identity(), (a, b) -> a));
    }
}
