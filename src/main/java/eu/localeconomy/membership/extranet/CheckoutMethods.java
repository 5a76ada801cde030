package eu.localeconomy.membership.extranet;

import eu.localeconomy.membership.catalogue.CampaignId;
import eu.localeconomy.shared.TenantId;

import java.util.Set;

/**
 * The payment methods a professional may choose at checkout, in display order. Implemented by the payments
 * sub-package (the extranet does not depend on it); without an implementation every method is offered.
 */
public interface CheckoutMethods {

    Set<PaymentMethod> methodsFor(TenantId tenant, CampaignId campaign);
}
