package eu.localeconomy.membership.followup;

import eu.localeconomy.account.AccountPrincipal;
import eu.localeconomy.directory.EstablishmentId;
import eu.localeconomy.membership.catalogue.CampaignId;
import eu.localeconomy.membership.catalogue.Catalogue;
import eu.localeconomy.membership.extranet.Orders;
import eu.localeconomy.membership.extranet.Professionals;
import eu.localeconomy.shared.ForTenantKind;
import eu.localeconomy.shared.TenantContext;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.shared.Uuids;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import static org.springframework.http.HttpStatus.NOT_FOUND;

/**
 * The professional's "Not this season" on the campaign page, and its undo. Only for an establishment they act for
 * (else 404, as every extranet page); refused once the establishment has a live order in the campaign.
 */
@Controller
@ForTenantKind(TenantKind.TOURISM_OFFICE)
class DeclineController {

    private final Professionals professionals;
    private final Catalogue catalogue;
    private final Orders orders;
    private final Declines declines;

    DeclineController(Professionals professionals, Catalogue catalogue, Orders orders, Declines declines) {
        this.professionals = professionals;
        this.catalogue = catalogue;
        this.orders = orders;
        this.declines = declines;
    }

    record Scope(EstablishmentId establishment, CampaignId campaign, String page) {
    }

    @PostMapping("/t/{slug}/pro/establishments/{establishmentId}/campaigns/{campaignId}/decline")
    String decline(TenantContext tenant, @PathVariable String establishmentId, @PathVariable String campaignId,
                   @RequestParam(name = "reason", required = false) String reason,
                   @AuthenticationPrincipal AccountPrincipal me, RedirectAttributes redirect) {
        Scope scope = scope(tenant, me, establishmentId, campaignId);
        if (orders.live(tenant.id(), scope.campaign(), scope.establishment()).isPresent()) {
            redirect.addFlashAttribute("alert", "followup.decline.error.ordered");
        } else if (reason != null && reason.strip().length() > Declines.MAX_REASON) {
            redirect.addFlashAttribute("alert", "followup.decline.error.long");
        } else {
            declines.decline(tenant.id(), scope.campaign(), scope.establishment(), reason, me, true);
            redirect.addFlashAttribute("notice", "followup.decline.thanks");
        }
        return "redirect:" + scope.page() + "#decline";
    }

    @PostMapping("/t/{slug}/pro/establishments/{establishmentId}/campaigns/{campaignId}/decline/withdraw")
    String withdraw(TenantContext tenant, @PathVariable String establishmentId, @PathVariable String campaignId,
                    @AuthenticationPrincipal AccountPrincipal me, RedirectAttributes redirect) {
        Scope scope = scope(tenant, me, establishmentId, campaignId);
        if (declines.withdraw(tenant.id(), scope.campaign(), scope.establishment(), me, true)) {
            redirect.addFlashAttribute("notice", "followup.decline.undone");
        }
        return "redirect:" + scope.page() + "#decline";
    }

    private Scope scope(TenantContext tenant, AccountPrincipal me, String establishmentId, String campaignId) {
        if (me == null) {
            throw new ResponseStatusException(NOT_FOUND);
        }
        EstablishmentId establishment = Uuids.parse(establishmentId).map(EstablishmentId::new)
                .orElseThrow(() -> new ResponseStatusException(NOT_FOUND));
        CampaignId campaign = Uuids.parse(campaignId).map(CampaignId::new)
                .filter(c -> catalogue.campaign(tenant.id(), c).isPresent())
                .orElseThrow(() -> new ResponseStatusException(NOT_FOUND));
        if (!professionals.mayActFor(tenant.id(), me.userId(), establishment)) {
            throw new ResponseStatusException(NOT_FOUND);
        }
        return new Scope(establishment, campaign,
                tenant.path() + "/pro/establishments/" + establishment + "/campaigns/" + campaign);
    }
}
