package eu.localeconomy.membership.extranet;

import eu.localeconomy.account.AccountPrincipal;
import eu.localeconomy.directory.Establishment;
import eu.localeconomy.directory.EstablishmentId;
import eu.localeconomy.directory.Establishments;
import eu.localeconomy.membership.catalogue.Campaign;
import eu.localeconomy.membership.catalogue.CampaignId;
import eu.localeconomy.membership.catalogue.Catalogue;
import eu.localeconomy.shared.ForTenantKind;
import eu.localeconomy.shared.TenantContext;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.shared.Uuids;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import java.util.Optional;

import static org.springframework.http.HttpStatus.NOT_FOUND;

/**
 * "View as prospect": the office sees a campaign exactly as a chosen establishment would in its extranet — the same
 * offer and basket fragments, fed by the same {@link Catalogue#offerFor} — with every action disabled and nothing
 * written. It stays in the office's layout: the administrator keeps their navigation and the prospect picker, and the
 * banner says plainly whose view it is.
 */
@Controller
@ForTenantKind(TenantKind.TOURISM_OFFICE)
class ProspectPreviewController {

    static final int PICKER_SIZE = 20;

    private final Catalogue catalogue;
    private final Baskets baskets;
    private final Establishments establishments;

    ProspectPreviewController(Catalogue catalogue, Baskets baskets, Establishments establishments) {
        this.catalogue = catalogue;
        this.baskets = baskets;
        this.establishments = establishments;
    }

    @GetMapping("/t/{slug}/office/campaigns/{campaignId}/preview")
    String preview(TenantContext tenant, @PathVariable String campaignId,
                   @RequestParam(name = "establishment", required = false) String establishmentId,
                   @RequestParam(name = "q", required = false) String query,
                   @AuthenticationPrincipal AccountPrincipal me, Model model) {
        CampaignId campaign = Uuids.parse(campaignId).map(CampaignId::new)
                .orElseThrow(() -> new ResponseStatusException(NOT_FOUND));
        Campaign details = catalogue.campaign(tenant.id(), campaign).orElseThrow(() -> new ResponseStatusException(NOT_FOUND));
        String text = query == null ? "" : query.strip();
        if (text.length() > 100) {
            text = text.substring(0, 100);
        }
        model.addAttribute("campaign", details);
        model.addAttribute("q", text);
        model.addAttribute("candidates", establishments.search(tenant.id(), text, null, 0, PICKER_SIZE).items());
        Optional<Establishment> chosen = Uuids.parse(establishmentId).map(EstablishmentId::new)
                .flatMap(id -> establishments.find(tenant.id(), id));
        model.addAttribute("preview", true);
        if (chosen.isPresent()) {
            var establishment = chosen.get();
            var scope = new BasketController.Scope(tenant, establishment.id(), campaign, details, establishment.name(), null);
            BasketController.fill(model, scope, baskets.preview(tenant, campaign, establishment.id()), true);
            model.addAttribute("chosen", establishment);
        }
        return "membership/extranet/basket/preview";
    }
}
