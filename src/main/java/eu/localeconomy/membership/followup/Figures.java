package eu.localeconomy.membership.followup;

import eu.localeconomy.membership.catalogue.Campaign;
import eu.localeconomy.membership.catalogue.ProductId;
import eu.localeconomy.membership.catalogue.RangeId;
import eu.localeconomy.membership.extranet.PaymentMethod;
import eu.localeconomy.membership.followup.CampaignFollowUp.Item;
import eu.localeconomy.membership.followup.CampaignFollowUp.Prospect;
import eu.localeconomy.membership.followup.CampaignFollowUp.Snapshot;
import eu.localeconomy.shared.Money;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's numbers for one campaign, computed from its {@link Snapshot}: prospects by stage, revenue excluding
 * VAT by range and by product (ordered = lines of live orders, paid = lines of PAID orders), money received per
 * payment method net of refunds (including VAT: it is what reached the bank), and the totals.
 */
record Figures(Campaign campaign, int prospects, Map<Stage, Integer> stages, List<Revenue> byRange,
               List<Revenue> byProduct, List<Received> byMethod, Revenue total, Money received, int payers) {

    /**
     * One line of revenue: how many prospects ordered it and for how much (excl. VAT), how many of them have paid and
     * for how much. {@code item} is null for the total.
     */
    record Revenue(Item item, int orderedCount, Money ordered, int paidCount, Money paid) {
    }

    /** Money kept from payments of this method, and from how many prospects. */
    record Received(PaymentMethod method, int count, Money amount) {
    }

    public int stage(Stage stage) {
        return stages.getOrDefault(stage, 0);
    }

    /** The share of the prospects at this stage, in percent (for the chart's bar). */
    public int percent(Stage stage) {
        return prospects == 0 ? 0 : (int) Math.round(stage(stage) * 100.0 / prospects);
    }

    public int largestStage() {
        return stages.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    public long largestRevenue(List<Revenue> rows) {
        return rows.stream().mapToLong(r -> Math.max(r.ordered().cents(), r.paid().cents())).max().orElse(0);
    }

    public long largestReceived() {
        return byMethod.stream().mapToLong(r -> Math.max(0, r.amount().cents())).max().orElse(0);
    }

    static Figures of(Snapshot snapshot) {
        String currency = snapshot.currency();
        Map<Stage, Integer> stages = new EnumMap<>(Stage.class);
        for (Stage s : Stage.values()) {
            stages.put(s, 0);
        }
        Map<ProductId, RangeId> rangeOf = snapshot.rangeOfProduct();
        List<Revenue> byRange = new ArrayList<>();
        List<Revenue> byProduct = new ArrayList<>();
        for (Item range : snapshot.ranges()) {
            byRange.add(revenue(snapshot, range, p -> sumIn(p, rangeOf, new RangeId(range.id())), currency));
        }
        for (Item product : snapshot.products()) {
            byProduct.add(revenue(snapshot, product, p -> p.orderedNetByProduct().get(new ProductId(product.id())), currency));
        }
        List<Received> byMethod = new ArrayList<>();
        for (PaymentMethod method : PaymentMethod.values()) {
            int count = 0;
            long cents = 0;
            for (Prospect p : snapshot.prospects()) {
                Long amount = p.receivedByMethod().get(method);
                if (amount != null) {
                    count++;
                    cents += amount;
                }
            }
            byMethod.add(new Received(method, count, new Money(cents, currency)));
        }
        long received = 0;
        int payers = 0;
        for (Prospect p : snapshot.prospects()) {
            stages.merge(p.stage(), 1, Integer::sum);
            if (!p.receivedByMethod().isEmpty()) {
                payers++;
            }
            for (long amount : p.receivedByMethod().values()) {
                received += amount;
            }
        }
        Revenue total = revenue(snapshot, null, p -> p.order() == null ? null : p.order().netCents(), currency);
        return new Figures(snapshot.campaign(), snapshot.prospects().size(), stages, byRange, byProduct, byMethod,
                total, new Money(received, currency), payers);
    }

    /** What one prospect ordered that counts for a line of revenue; null when nothing. */
    interface Amount {
        Long of(Prospect prospect);
    }

    private static Revenue revenue(Snapshot snapshot, Item item, Amount amount, String currency) {
        int orderedCount = 0;
        int paidCount = 0;
        long ordered = 0;
        long paid = 0;
        for (Prospect p : snapshot.prospects()) {
            Long cents = amount.of(p);
            if (cents == null) {
                continue;
            }
            orderedCount++;
            ordered += cents;
            if (p.paid()) {
                paidCount++;
                paid += cents;
            }
        }
        return new Revenue(item, orderedCount, new Money(ordered, currency), paidCount, new Money(paid, currency));
    }

    /** The prospect's ordered net in a range; null when its order has no line there. */
    static Long sumIn(Prospect p, Map<ProductId, RangeId> rangeOf, RangeId range) {
        Long sum = null;
        for (var line : p.orderedNetByProduct().entrySet()) {
            if (range.equals(rangeOf.get(line.getKey()))) {
                sum = (sum == null ? 0 : sum) + line.getValue();
            }
        }
        return sum;
    }
}
