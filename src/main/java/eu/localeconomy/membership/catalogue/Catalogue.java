package eu.localeconomy.membership.catalogue;

import eu.localeconomy.directory.EstablishmentId;
import eu.localeconomy.shared.TenantId;
import org.springframework.stereotype.Service;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The catalogue's public API for the extranet and the office: campaigns and what each establishment is offered. */
@Service
public class Catalogue {

    public Optional<Campaign> campaign(TenantId tenant, CampaignId id) {
        throw new UnsupportedOperationException("catalogue helper");
    }

    /** Campaigns professionals can see (OPEN, today within their dates), latest season first. */
    public List<Campaign> openCampaigns(TenantId tenant, LocalDate today) {
        throw new UnsupportedOperationException("catalogue helper");
    }

    /** What this establishment is offered in this campaign, priced for it, availability judged on {@code today}. */
    public Offer offerFor(TenantId tenant, CampaignId campaign, EstablishmentId establishment, LocalDate today) {
        throw new UnsupportedOperationException("catalogue helper");
    }

    /**
     * Takes {@code quantity} units of a product's stock inside the caller's transaction; false when that would
     * exceed the stock limit (a database check makes overselling impossible under concurrency).
     */
    public boolean takeStock(TenantId tenant, ProductId product, int quantity) {
        throw new UnsupportedOperationException("catalogue helper");
    }

    /** Gives units back (an order cancelled before payment). */
    public void releaseStock(TenantId tenant, ProductId product, int quantity) {
        throw new UnsupportedOperationException("catalogue helper");
    }
}
