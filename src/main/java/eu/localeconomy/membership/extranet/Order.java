package eu.localeconomy.membership.extranet;

import eu.localeconomy.directory.EstablishmentId;
import eu.localeconomy.membership.catalogue.CampaignId;
import eu.localeconomy.membership.catalogue.ProductId;
import eu.localeconomy.shared.Money;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An order as placed: snapshots of its lines (what was ordered then, at that price) and its totals. */
public record Order(UUID id, CampaignId campaignId, EstablishmentId establishmentId, OrderStatus status,
                    PaymentMethod paymentMethod, Money net, Money vat, Money gross,
                    List<BasketView.VatAmount> vatPerRate, List<Line> lines, Instant placedAt) {

    public record Line(int position, ProductId productId, String code, String name, String type, int quantity,
                       Money unitPrice, int vatRateBasisPoints, Money net, String explanation, Money donation) {
    }
}
