package eu.localeconomy.membership.catalogue;

import eu.localeconomy.shared.Language;

import java.time.LocalDate;
import java.util.Map;

/** A membership campaign of one season; {@code intros} is the text professionals see, per language. */
public record Campaign(CampaignId id, int season, String name, LocalDate opensOn, LocalDate closesOn,
                       CampaignStatus status, Map<Language, String> intros) {

    /** Professionals may order: the campaign is open and today is within its dates (tenant's business date). */
    public boolean acceptsOrders(LocalDate today) {
        return status == CampaignStatus.OPEN && !today.isBefore(opensOn) && !today.isAfter(closesOn);
    }
}
