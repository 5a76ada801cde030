package eu.localeconomy.membership.catalogue;

import eu.localeconomy.directory.Establishment;
import eu.localeconomy.directory.Establishments;
import eu.localeconomy.shared.TenantId;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What the office must look at before launching a campaign, computed from the same offers the extranet shows:
 * products no prospect gets, establishments that get no range, and price-rule conflicts (which establishments,
 * which rules).
 */
@Component
class LaunchChecks {

    /** Lists on the page stop here; the counts stay exact. */
    static final int SHOWN = 50;

    record Conflict(Establishment establishment, CatalogueAdmin.ProductView product, List<PriceRule> rules) {
    }

    record Result(int establishments, int prospects, List<CatalogueAdmin.ProductView> unseenProducts,
                  int withoutRangeCount, List<Establishment> withoutRange, int conflictCount,
                  List<Conflict> conflicts, List<Establishment> prospectSample) {

        public boolean clean() {
            return unseenProducts.isEmpty() && withoutRangeCount == 0 && conflictCount == 0;
        }
    }

    /** Every establishment with its offer, the unit the matrix and the checks work on. */
    record Prospect(Establishment establishment, Offer offer) {
    }

    private final Catalogue catalogue;
    private final CatalogueAdmin admin;
    private final Establishments establishments;

    LaunchChecks(Catalogue catalogue, CatalogueAdmin admin, Establishments establishments) {
        this.catalogue = catalogue;
        this.admin = admin;
        this.establishments = establishments;
    }

    List<Prospect> everyone(TenantId tenant, CampaignId campaign, LocalDate today) {
        List<Establishment> all = establishments.all(tenant);
        List<Offer> offers = catalogue.offersFor(tenant, campaign, all, today);
        List<Prospect> prospects = new ArrayList<>(all.size());
        for (int i = 0; i < all.size(); i++) {
            prospects.add(new Prospect(all.get(i), offers.get(i)));
        }
        return prospects;
    }

    Result check(TenantId tenant, CampaignId campaign, LocalDate today) {
        List<Prospect> everyone = everyone(tenant, campaign, today);
        List<CatalogueAdmin.ProductView> products = admin.products(tenant, campaign);
        Map<ProductId, CatalogueAdmin.ProductView> byId = new LinkedHashMap<>();
        products.forEach(p -> byId.put(p.id(), p));
        Map<UUID, PriceRule> rules = new HashMap<>();

        Set<ProductId> seen = new HashSet<>();
        List<Establishment> withoutRange = new ArrayList<>();
        int withoutRangeCount = 0;
        int prospects = 0;
        List<Conflict> conflicts = new ArrayList<>();
        List<Establishment> sample = new ArrayList<>();
        int conflictCount = 0;
        for (Prospect prospect : everyone) {
            if (prospect.offer().ranges().isEmpty()) {
                withoutRangeCount++;
                if (withoutRange.size() < SHOWN) {
                    withoutRange.add(prospect.establishment());
                }
                continue;
            }
            prospects++;
            if (sample.size() < 200) {
                sample.add(prospect.establishment());
            }
            for (Offer.OfferedProduct product : prospect.offer().products()) {
                seen.add(product.id());
                if (product.price() != null && !product.price().conflicts().isEmpty()) {
                    conflictCount++;
                    if (conflicts.size() < SHOWN) {
                        if (!rules.containsKey(UUID.fromString(product.price().conflicts().getFirst()))) {
                            admin.rules(tenant, product.id()).forEach(r -> rules.put(r.id(), r));
                        }
                        List<PriceRule> named = product.price().conflicts().stream()
                                .map(id -> rules.get(UUID.fromString(id))).filter(r -> r != null).toList();
                        conflicts.add(new Conflict(prospect.establishment(), byId.get(product.id()), named));
                    }
                }
            }
        }
        List<CatalogueAdmin.ProductView> unseen = products.stream().filter(p -> !seen.contains(p.id())).toList();
        return new Result(everyone.size(), prospects, unseen, withoutRangeCount, withoutRange, conflictCount,
                conflicts, sample);
    }

    static boolean isProspect(Prospect prospect) {
        return !prospect.offer().ranges().isEmpty();
    }
}
