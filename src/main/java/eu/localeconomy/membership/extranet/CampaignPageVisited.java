package eu.localeconomy.membership.extranet;

import eu.localeconomy.directory.EstablishmentId;
import eu.localeconomy.membership.catalogue.CampaignId;
import eu.localeconomy.shared.TenantId;
import eu.localeconomy.shared.UserId;

/**
 * A professional opened the campaign page of an establishment they act for (a whole page, not an htmx change of the
 * basket). Published synchronously, outside any transaction: the follow-up records it as a visit.
 */
public record CampaignPageVisited(TenantId tenant, CampaignId campaign, EstablishmentId establishment, UserId account) {
}
