package eu.localeconomy.membership.payment;

import eu.localeconomy.shared.TenantId;

import java.util.UUID;

/** Published in the transaction where an order became PAID (invoicing issues the invoice when set to issue at payment; the directory records the membership season). */
public record OrderPaid(TenantId tenant, UUID orderId, eu.localeconomy.membership.catalogue.CampaignId campaignId, eu.localeconomy.directory.EstablishmentId establishmentId, java.time.LocalDate paidOn) {
}
