package eu.localeconomy.membership.extranet;

import eu.localeconomy.membership.catalogue.Offer;
import eu.localeconomy.membership.catalogue.Offer.OfferedProduct;
import eu.localeconomy.membership.catalogue.ProductId;
import eu.localeconomy.membership.catalogue.ProductType;
import eu.localeconomy.shared.Money;

import java.util.List;
import java.util.Optional;

/**
 * A basket as the page shows it: the offer beside it, its lines priced from the offer of the day, and the totals
 * (net, VAT per rate on the sum of the nets at that rate rounded half-up, gross). {@code open} false when the campaign
 * does not take orders today.
 */
public record BasketView(Offer offer, List<Line> lines, Money net, List<VatAmount> vatPerRate, Money vat, Money gross,
                         boolean open) {

    /**
     * One line: {@code unitPrice} the price of the day (the donation for a donation), {@code seenPrice} the one the
     * professional saw when adding it.
     */
    public record Line(OfferedProduct product, int quantity, Money unitPrice, Money net, Money seenPrice) {

        public boolean mandatory() {
            return product.type() == ProductType.MANDATORY;
        }

        public boolean donation() {
            return product.type() == ProductType.DONATION;
        }

        public boolean priceChanged() {
            return !donation() && seenPrice != null && !seenPrice.equals(unitPrice);
        }
    }

    public record VatAmount(int rateBasisPoints, Money net, Money vat) {
    }

    public boolean empty() {
        return lines.isEmpty();
    }

    public Optional<Line> line(ProductId product) {
        return lines.stream().filter(l -> l.product().id().equals(product)).findFirst();
    }

    public boolean contains(ProductId product) {
        return line(product).isPresent();
    }
}
