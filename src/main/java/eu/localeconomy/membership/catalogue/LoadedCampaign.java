package eu.localeconomy.membership.catalogue;

import eu.localeconomy.directory.Criteria;
import eu.localeconomy.directory.Establishment;
import eu.localeconomy.directory.SegmentId;
import eu.localeconomy.directory.Criterion;
import eu.localeconomy.membership.catalogue.PriceEngine.CompiledRule;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.Money;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A campaign loaded once with its ranges, their segments, products and compiled price rules, so that any number of
 * establishments are offered and priced in memory (the price matrix, the launch checks, one extranet page alike).
 */
record LoadedCampaign(Campaign campaign, String currency, List<LoadedRange> ranges) {

    record Assignment(SegmentId segment, String name, Criterion criterion, int priority) {
    }

    record LoadedRange(RangeId id, Map<Language, String> names, boolean additional, int position,
                       List<Assignment> assignments, List<LoadedProduct> products) {

        /** The matching assignment of highest priority, or null when none of the range's segments matches. */
        Assignment match(Establishment establishment) {
            Assignment best = null;
            for (Assignment assignment : assignments) {
                if ((best == null || assignment.priority() > best.priority())
                        && Criteria.matches(assignment.criterion(), establishment)) {
                    best = assignment;
                }
            }
            return best;
        }
    }

    record LoadedProduct(ProductId id, String code, Map<Language, String> names, Map<Language, String> descriptions,
                         ProductType type, int vatRateBasisPoints, Long baseCents, Long donationMinimumCents,
                         LocalDate availableFrom, LocalDate availableUntil, Integer stockLimit, int stockTaken,
                         int maxPerOrder, Set<ProductId> requires, Set<ProductId> excludes, int position,
                         List<PriceRule> rules, List<CompiledRule> compiled) {

        boolean availableOn(LocalDate day) {
            return (availableFrom == null || !day.isBefore(availableFrom))
                    && (availableUntil == null || !day.isAfter(availableUntil));
        }

        Price price(Establishment establishment, String currency) {
            return baseCents == null ? null
                    : PriceEngine.price(new Money(baseCents, currency), compiled, establishment);
        }
    }

    private record Match(LoadedRange range, Assignment assignment) {
    }

    /** Highest priority first; on a tie the range placed first (then its id, so the choice is stable). */
    private static final Comparator<Match> PREFERRED = Comparator
            .comparingInt((Match m) -> -m.assignment().priority())
            .thenComparingInt(m -> m.range().position())
            .thenComparing(m -> m.range().id().value());

    /** The ranges this establishment gets: the best non-additional match, then every matching additional range. */
    List<Offer.OfferedRange> rangesFor(Establishment establishment, LocalDate today) {
        List<Match> matches = matches(establishment);
        List<Offer.OfferedRange> offered = new ArrayList<>(matches.size());
        for (Match match : matches) {
            offered.add(offered(match, establishment, today));
        }
        return offered;
    }

    /** The same ranges as {@link #rangesFor}, unpriced: who is offered what, for reporting. */
    List<RangeId> rangeIds(Establishment establishment) {
        List<Match> matches = matches(establishment);
        List<RangeId> ids = new ArrayList<>(matches.size());
        for (Match match : matches) {
            ids.add(match.range().id());
        }
        return ids;
    }

    private List<Match> matches(Establishment establishment) {
        Match best = null;
        List<Match> additional = new ArrayList<>();
        for (LoadedRange range : ranges) {
            Assignment assignment = range.match(establishment);
            if (assignment == null) {
                continue;
            }
            Match match = new Match(range, assignment);
            if (range.additional()) {
                additional.add(match);
            } else if (best == null || PREFERRED.compare(match, best) < 0) {
                best = match;
            }
        }
        List<Match> matches = new ArrayList<>(1 + additional.size());
        if (best != null) {
            matches.add(best);
        }
        additional.sort(Comparator.comparingInt((Match m) -> m.range().position())
                .thenComparing(m -> m.range().id().value()));
        matches.addAll(additional);
        return matches;
    }

    Offer offer(Establishment establishment, LocalDate today) {
        return new Offer(campaign, establishment.id(), rangesFor(establishment, today));
    }

    private Offer.OfferedRange offered(Match matched, Establishment establishment, LocalDate today) {
        LoadedRange range = matched.range();
        Assignment match = matched.assignment();
        List<Offer.OfferedProduct> products = new ArrayList<>(range.products().size());
        for (LoadedProduct p : range.products()) {
            products.add(new Offer.OfferedProduct(p.id(), p.code(), p.names(), p.descriptions(), p.type(),
                    p.vatRateBasisPoints(), p.price(establishment, currency),
                    p.donationMinimumCents() == null ? null : new Money(p.donationMinimumCents(), currency),
                    p.availableFrom(), p.availableUntil(), p.availableOn(today),
                    p.stockLimit() == null ? null : Math.max(0, p.stockLimit() - p.stockTaken()), p.maxPerOrder(),
                    p.requires(), p.excludes()));
        }
        return new Offer.OfferedRange(range.id(), range.names(), range.additional(), match.priority(),
                match.segment(), match.name(), List.copyOf(products));
    }
}
