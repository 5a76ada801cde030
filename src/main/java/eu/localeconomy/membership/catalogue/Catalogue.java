package eu.localeconomy.membership.catalogue;

import eu.localeconomy.directory.Establishment;
import eu.localeconomy.directory.EstablishmentId;
import eu.localeconomy.directory.Establishments;
import eu.localeconomy.directory.Segments;
import eu.localeconomy.shared.TenantId;
import eu.localeconomy.tenant.Tenant;
import eu.localeconomy.tenant.Tenants;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The catalogue's public API for the extranet and the office: campaigns and what each establishment is offered. */
@Service
public class Catalogue {

    private final CatalogueStore store;
    private final Establishments establishments;
    private final Segments segments;
    private final Tenants tenants;

    Catalogue(CatalogueStore store, Establishments establishments, Segments segments, Tenants tenants) {
        this.store = store;
        this.establishments = establishments;
        this.segments = segments;
        this.tenants = tenants;
    }

    public Optional<Campaign> campaign(TenantId tenant, CampaignId id) {
        return store.campaign(tenant, id);
    }

    /** Campaigns professionals can see (OPEN, today within their dates), latest season first. */
    public List<Campaign> openCampaigns(TenantId tenant, LocalDate today) {
        return store.openCampaigns(tenant, today);
    }

    /**
     * What this establishment is offered in this campaign, priced for it, availability judged on {@code today}.
     * An unknown campaign or establishment (another tenant's, archived or made up) is an
     * {@link UnknownCatalogueItemException}.
     */
    @Transactional(readOnly = true)
    public Offer offerFor(TenantId tenant, CampaignId campaign, EstablishmentId establishment, LocalDate today) {
        Establishment found = establishments.find(tenant, establishment)
                .orElseThrow(() -> new UnknownCatalogueItemException("establishment"));
        return load(tenant, campaign).offer(found, today);
    }

    /**
     * What each of these establishments is offered (same order), the campaign loaded once and every price computed
     * in memory: the price matrix, the launch checks and the benchmark use it.
     */
    @Transactional(readOnly = true)
    public List<Offer> offersFor(TenantId tenant, CampaignId campaign, List<Establishment> establishments,
                                 LocalDate today) {
        LoadedCampaign loaded = load(tenant, campaign);
        List<Offer> offers = new ArrayList<>(establishments.size());
        for (Establishment establishment : establishments) {
            offers.add(loaded.offer(establishment, today));
        }
        return offers;
    }

    /**
     * The ranges each of these establishments is offered (same order; the best range first, then additional ones),
     * as {@link #offersFor} decides them but without pricing anything: the campaign follow-up's prospects.
     */
    @Transactional(readOnly = true)
    public List<List<RangeId>> rangesFor(TenantId tenant, CampaignId campaign, List<Establishment> establishments) {
        LoadedCampaign loaded = load(tenant, campaign);
        List<List<RangeId>> ranges = new ArrayList<>(establishments.size());
        for (Establishment establishment : establishments) {
            ranges.add(loaded.rangeIds(establishment));
        }
        return ranges;
    }

    /** Offers for every establishment of the directory (archived ones excluded), in name order. */
    @Transactional(readOnly = true)
    public List<Offer> offersForAll(TenantId tenant, CampaignId campaign, LocalDate today) {
        return offersFor(tenant, campaign, establishments.all(tenant), today);
    }

    /**
     * Takes {@code quantity} units of a product's stock inside the caller's transaction; false when that would
     * exceed the stock limit (a database check makes overselling impossible under concurrency).
     */
    public boolean takeStock(TenantId tenant, ProductId product, int quantity) {
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity must be positive");
        }
        return store.takeStock(tenant, product, quantity);
    }

    /** Gives units back (an order cancelled before payment). Giving back more than was taken is a bug: refused. */
    public void releaseStock(TenantId tenant, ProductId product, int quantity) {
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity must be positive");
        }
        if (!store.releaseStock(tenant, product, quantity)) {
            throw new IllegalStateException("more stock released than taken, or unknown product");
        }
    }

    LoadedCampaign load(TenantId tenant, CampaignId campaign) {
        String currency = tenants.findById(tenant).map(Tenant::currency)
                .orElseThrow(() -> new UnknownCatalogueItemException("tenant"));
        return store.load(tenant, campaign, currency, segments.of(tenant))
                .orElseThrow(() -> new UnknownCatalogueItemException("campaign"));
    }
}
