package eu.localeconomy.membership.extranet;

import eu.localeconomy.membership.catalogue.ProductId;
import eu.localeconomy.shared.Money;

/** A stored basket line: the product, its quantity, the donation typed (donations only), the price seen when added. */
record BasketLine(ProductId product, int quantity, Money donation, Money seenPrice) {
}
