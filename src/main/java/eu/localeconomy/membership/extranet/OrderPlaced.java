package eu.localeconomy.membership.extranet;

import eu.localeconomy.directory.EstablishmentId;
import eu.localeconomy.membership.catalogue.CampaignId;
import eu.localeconomy.shared.TenantId;

import java.util.UUID;

/** Published in the transaction that placed an order awaiting payment (invoicing reacts to it). */
public record OrderPlaced(TenantId tenant, UUID orderId, CampaignId campaignId, EstablishmentId establishmentId) {
}
