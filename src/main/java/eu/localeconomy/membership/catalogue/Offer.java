package eu.localeconomy.membership.catalogue;

import eu.localeconomy.directory.EstablishmentId;
import eu.localeconomy.directory.SegmentId;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.Money;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one establishment is offered in a campaign: the ranges that apply to it (the matching range of highest
 * priority, plus matching additional ranges) and, in each, its products priced for it with their explanation. The
 * extranet, "view as prospect" and the price matrix all read this, so what the office checks is what the
 * professional gets.
 */
public record Offer(Campaign campaign, EstablishmentId establishment, List<OfferedRange> ranges) {

    public record OfferedRange(RangeId id, Map<Language, String> names, boolean additional, int priority,
                               SegmentId matchedSegment, String matchedSegmentName, List<OfferedProduct> products) {
    }

    /**
     * {@code price} is excluding VAT (null for a donation, whose minimum is {@code donationMinimum});
     * {@code available} false when outside its availability window on the business date; {@code stockLeft} null
     * when unlimited.
     */
    public record OfferedProduct(ProductId id, String code, Map<Language, String> names,
                                 Map<Language, String> descriptions, ProductType type, int vatRateBasisPoints,
                                 Price price, Money donationMinimum, LocalDate availableFrom,
                                 LocalDate availableUntil, boolean available, Integer stockLeft, int maxPerOrder,
                                 Set<ProductId> requires, Set<ProductId> excludes) {
    }

    public List<OfferedProduct> products() {
        return ranges.stream().flatMap(r -> r.products().stream()).toList();
    }
}
