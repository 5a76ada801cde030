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
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The professional's home: their establishments and, for each, the open campaigns (a link to compose the basket)
 * and the orders placed.
 */
@Controller
@ForTenantKind(TenantKind.TOURISM_OFFICE)
class ExtranetHomeController {

    /** One campaign for one establishment, with the order placed in it if any. */
    record CampaignEntry(Campaign campaign, Orders.Summary order) {
    }

    record EstablishmentCard(Establishment establishment, List<CampaignEntry> campaigns, List<Orders.Summary> pastOrders) {
    }

    private final Professionals professionals;
    private final Establishments establishments;
    private final Catalogue catalogue;
    private final Orders orders;
    private final TermsOfSale terms;
    private final Clock clock;

    ExtranetHomeController(Professionals professionals, Establishments establishments, Catalogue catalogue,
                           Orders orders, TermsOfSale terms, Clock clock) {
        this.professionals = professionals;
        this.establishments = establishments;
        this.catalogue = catalogue;
        this.orders = orders;
        this.terms = terms;
        this.clock = clock;
    }

    @GetMapping("/t/{slug}/pro")
    String home(TenantContext tenant, @AuthenticationPrincipal AccountPrincipal me, Model model) {
        List<EstablishmentId> ids = professionals.establishmentsOf(tenant.id(), me.userId());
        List<Establishment> mine = ids.isEmpty() ? List.of() : establishments.findAll(tenant.id(), ids).stream()
                .filter(e -> !e.archived())
                .sorted(Comparator.comparing(Establishment::name, String.CASE_INSENSITIVE_ORDER))
                .toList();
        LocalDate today = tenant.today(clock);
        List<Campaign> open = mine.isEmpty() ? List.of() : catalogue.openCampaigns(tenant.id(), today);
        Map<EstablishmentId, List<Orders.Summary>> placed = orders.ofEstablishments(tenant.id(),
                        mine.stream().map(Establishment::id).toList()).stream()
                .collect(Collectors.groupingBy(Orders.Summary::establishmentId));
        model.addAttribute("cards", mine.stream().map(e -> {
            List<Orders.Summary> ofThis = placed.getOrDefault(e.id(), List.of());
            List<CampaignEntry> campaigns = open.stream()
                    .map(c -> new CampaignEntry(c, live(ofThis, c.id()).orElse(null)))
                    .toList();
            List<Orders.Summary> past = ofThis.stream()
                    .filter(o -> open.stream().noneMatch(c -> c.id().equals(o.campaignId())))
                    .toList();
            return new EstablishmentCard(e, campaigns, past);
        }).toList());
        model.addAttribute("termsToAccept", terms.current(tenant.id()).isPresent()
                && !terms.hasAcceptedCurrent(tenant.id(), me.userId()));
        return "membership/extranet/access/home";
    }

    private static Optional<Orders.Summary> live(List<Orders.Summary> orders, CampaignId campaign) {
        return orders.stream().filter(o -> o.campaignId().equals(campaign) && o.status() != OrderStatus.CANCELLED)
                .findFirst();
    }
}
