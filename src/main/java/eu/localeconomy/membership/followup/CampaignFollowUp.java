package eu.localeconomy.membership.followup;

import eu.localeconomy.directory.Establishment;
import eu.localeconomy.directory.EstablishmentId;
import eu.localeconomy.directory.EstablishmentType;
import eu.localeconomy.directory.Establishments;
import eu.localeconomy.membership.catalogue.Campaign;
import eu.localeconomy.membership.catalogue.CampaignId;
import eu.localeconomy.membership.catalogue.Catalogue;
import eu.localeconomy.membership.catalogue.CatalogueAdmin;
import eu.localeconomy.membership.catalogue.ProductId;
import eu.localeconomy.membership.catalogue.RangeId;
import eu.localeconomy.membership.extranet.OrderStatus;
import eu.localeconomy.membership.extranet.PaymentMethod;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantContext;
import eu.localeconomy.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What happened to each prospect of a campaign, read in one go: the directory once, the campaign's ranges matched for each
 * establishment ({@code Catalogue.rangesFor}: who is offered what, without pricing), and one grouped query per source (invitations sent, visits, baskets, live orders and their lines,
 * payments net of refunds, declines). The dashboard's figures and the lists behind them are both computed from this
 * snapshot, so a list always has as many rows as the number that led to it.
 * <p>
 * Prospects: every establishment the campaign offers at least one range to, plus any with a live order in it (offered
 * before the segments changed). Archived establishments are left out.
 */
@Service
class CampaignFollowUp {

    /**
     * The prospect's order that is neither cancelled nor fully refunded (at most one per campaign: a unique index
     * keeps one not cancelled).
     */
    record LiveOrder(UUID id, OrderStatus status, PaymentMethod method, long netCents, long grossCents,
                     long paidCents, long refundedCents, Instant placedAt) {
    }

    record Prospect(EstablishmentId id, String name, EstablishmentType type, String city, String postcode,
                    Set<RangeId> offeredRanges, Set<ProductId> offeredProducts, Stage stage, Instant invitedAt,
                    Instant lastVisitAt, int visits, Instant basketAt, int basketLines, LiveOrder order,
                    Instant declinedAt, String declineReason, Map<ProductId, Long> orderedNetByProduct,
                    Map<PaymentMethod, Long> receivedByMethod) {

        public boolean declined() {
            return declinedAt != null;
        }

        public boolean paid() {
            return order != null && order.status() == OrderStatus.PAID;
        }
    }

    /**
     * A range or product of the campaign, in catalogue order; names per language; {@code key} is what identifies it
     * across seasons (a product's code, a range's French name).
     */
    record Item(UUID id, Map<Language, String> names, UUID range, String key) {
    }

    record Snapshot(Campaign campaign, String currency, List<Prospect> prospects, List<Item> ranges,
                    List<Item> products) {

        Optional<Item> range(UUID id) {
            return ranges.stream().filter(r -> r.id().equals(id)).findFirst();
        }

        Optional<Item> product(UUID id) {
            return products.stream().filter(p -> p.id().equals(id)).findFirst();
        }

        /** The range of each product of the campaign. */
        Map<ProductId, RangeId> rangeOfProduct() {
            Map<ProductId, RangeId> map = new HashMap<>();
            products.forEach(p -> map.put(new ProductId(p.id()), new RangeId(p.range())));
            return map;
        }
    }

    /**
     * What happened in a campaign, one row per establishment and source: I invitation mail sent (first), V visits,
     * B basket with lines, O the live order (neither cancelled nor refunded), L its net per product, P money kept per
     * method (payments less refunds, every order), D "not this season".
     */
    private static final String ACTIVITY = """
            select 'I' as k, s.establishment_id as e, min(s.sent_at) as at, null::bigint as n1, null::bigint as n2,
                null::bigint as n3, null::bigint as n4, null::text as s1, null::text as s2, null::uuid as u
            from membership_reminder_sent s
            join membership_reminder_step st on st.tenant_id = s.tenant_id and st.id = s.step_id
            where s.tenant_id = :t and s.campaign_id = :c and st.trigger = 'INVITATION'
            group by s.establishment_id
            union all
            select 'V', establishment_id, last_at, visits, null, null, null, null, null, null
            from membership_visit where tenant_id = :t and campaign_id = :c
            union all
            select 'B', b.establishment_id, max(b.updated_at), count(*), null, null, null, null, null, null
            from membership_basket b
            join membership_basket_line l on l.tenant_id = b.tenant_id and l.basket_id = b.id
            where b.tenant_id = :t and b.campaign_id = :c group by b.establishment_id
            union all
            select 'O', establishment_id, placed_at, net_cents, gross_cents, paid_cents, refunded_cents, status,
                payment_method, id
            from membership_order
            where tenant_id = :t and campaign_id = :c and status not in ('CANCELLED', 'REFUNDED')
            union all
            select 'L', o.establishment_id, null, sum(l.net_cents), null, null, null, null, null, l.product_id
            from membership_order_line l
            join membership_order o on o.tenant_id = l.tenant_id and o.id = l.order_id
            where o.tenant_id = :t and o.campaign_id = :c and o.status not in ('CANCELLED', 'REFUNDED')
            group by o.establishment_id, l.product_id
            union all
            select 'P', o.establishment_id, null,
                sum(case when p.kind = 'PAYMENT' then p.amount_cents else -p.amount_cents end), null, null, null,
                p.method, null, null
            from membership_payment p
            join membership_order o on o.tenant_id = p.tenant_id and o.id = p.order_id
            where p.tenant_id = :t and o.campaign_id = :c
            group by o.establishment_id, p.method
            union all
            select 'D', establishment_id, declined_at, null, null, null, null, reason, null, null
            from membership_decline where tenant_id = :t and campaign_id = :c""";

    private final Establishments establishments;
    private final Catalogue catalogue;
    private final CatalogueAdmin admin;
    private final JdbcClient jdbc;
    private final Clock clock;

    CampaignFollowUp(Establishments establishments, Catalogue catalogue, CatalogueAdmin admin, JdbcClient jdbc,
                     Clock clock) {
        this.establishments = establishments;
        this.catalogue = catalogue;
        this.admin = admin;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Optional<Campaign> campaign(TenantId tenant, CampaignId id) {
        return catalogue.campaign(tenant, id);
    }

    List<Campaign> campaigns(TenantId tenant) {
        return admin.campaigns(tenant).stream()
                .sorted(Comparator.comparingInt(Campaign::season).reversed().thenComparing(Campaign::opensOn,
                        Comparator.reverseOrder()))
                .toList();
    }

    /** The campaign of the season before, if the office ran one (the latest opened when it ran several), among
     * {@link #campaigns}. */
    static Optional<Campaign> previous(List<Campaign> campaigns, Campaign campaign) {
        return campaigns.stream().filter(c -> c.season() < campaign.season()).findFirst();
    }

    /** The campaign the follow-up opens on: the open one, else the latest. */
    Optional<Campaign> current(TenantContext tenant) {
        LocalDate today = tenant.today(clock);
        List<Campaign> open = catalogue.openCampaigns(tenant.id(), today);
        return open.isEmpty() ? campaigns(tenant.id()).stream().findFirst() : Optional.of(open.getFirst());
    }

    @Transactional(readOnly = true)
    Snapshot snapshot(TenantContext tenant, Campaign campaign) {
        return snapshot(tenant, campaign, establishments.all(tenant.id()));
    }

    /** The snapshot of a campaign against a directory already loaded (the dashboard reads two seasons with one). */
    @Transactional(readOnly = true)
    Snapshot snapshot(TenantContext tenant, Campaign campaign, List<Establishment> directory) {
        TenantId t = tenant.id();
        UUID c = campaign.id().value();
        List<List<RangeId>> offers = catalogue.rangesFor(t, campaign.id(), directory);

        record Visit(Instant last, int count) {
        }
        record Basket(Instant at, int lines) {
        }
        record Declined(Instant at, String reason) {
        }
        Map<UUID, Instant> invited = new HashMap<>();
        Map<UUID, Visit> visits = new HashMap<>();
        Map<UUID, Basket> baskets = new HashMap<>();
        Map<UUID, LiveOrder> orders = new HashMap<>();
        Map<UUID, Map<ProductId, Long>> lines = new HashMap<>();
        Map<UUID, Map<PaymentMethod, Long>> received = new HashMap<>();
        Map<UUID, Declined> declines = new HashMap<>();
        // Every source grouped per establishment in one statement (one round trip: on a busy machine each costs).
        jdbc.sql(ACTIVITY).param("t", t.value()).param("c", c)
                .query(rs -> {
                    UUID e = rs.getObject("e", UUID.class);
                    java.sql.Timestamp at = rs.getTimestamp("at");
                    switch (rs.getString("k")) {
                        case "I" -> invited.put(e, at.toInstant());
                        case "V" -> visits.put(e, new Visit(at.toInstant(), (int) rs.getLong("n1")));
                        case "B" -> baskets.put(e, new Basket(at.toInstant(), (int) rs.getLong("n1")));
                        case "O" -> orders.put(e, new LiveOrder(rs.getObject("u", UUID.class),
                                OrderStatus.valueOf(rs.getString("s1")), PaymentMethod.valueOf(rs.getString("s2")),
                                rs.getLong("n1"), rs.getLong("n2"), rs.getLong("n3"), rs.getLong("n4"), at.toInstant()));
                        case "L" -> lines.computeIfAbsent(e, k -> new HashMap<>())
                                .put(new ProductId(rs.getObject("u", UUID.class)), rs.getLong("n1"));
                        // Money received per method, net of what was given back, for every order of the campaign (a
                        // cancelled order has received nothing, or had it refunded first).
                        case "P" -> received.computeIfAbsent(e, k -> new EnumMap<>(PaymentMethod.class))
                                .put(PaymentMethod.valueOf(rs.getString("s1")), rs.getLong("n1"));
                        case "D" -> declines.put(e, new Declined(at.toInstant(), rs.getString("s1")));
                        default -> throw new IllegalStateException("unknown kind " + rs.getString("k"));
                    }
                });

        List<CatalogueAdmin.ProductView> catalogueProducts = admin.products(t, campaign.id());
        Map<RangeId, List<ProductId>> productsOf = new HashMap<>();
        catalogueProducts.forEach(p -> productsOf.computeIfAbsent(p.range(), k -> new ArrayList<>()).add(p.id()));

        List<Prospect> prospects = new ArrayList<>();
        for (int i = 0; i < directory.size(); i++) {
            Establishment e = directory.get(i);
            List<RangeId> offered = offers.get(i);
            UUID id = e.id().value();
            LiveOrder order = orders.get(id);
            if (offered.isEmpty() && order == null) {
                continue;
            }
            Set<RangeId> ranges = new LinkedHashSet<>(offered);
            Set<ProductId> products = new LinkedHashSet<>();
            for (RangeId range : offered) {
                products.addAll(productsOf.getOrDefault(range, List.of()));
            }
            Visit visit = visits.get(id);
            Basket basket = baskets.get(id);
            Declined declined = declines.get(id);
            Instant invitedAt = invited.get(id);
            Stage stage = Stage.of(order == null ? null : order.status(), declined != null, basket != null,
                    visit != null, invitedAt != null);
            prospects.add(new Prospect(e.id(), e.name(), e.type(), e.details().city(), e.details().postcode(),
                    ranges, products, stage, invitedAt, visit == null ? null : visit.last(),
                    visit == null ? 0 : visit.count(), basket == null ? null : basket.at(),
                    basket == null ? 0 : basket.lines(), order, declined == null ? null : declined.at(),
                    declined == null ? null : declined.reason(), order == null ? Map.of() : lines.getOrDefault(id, Map.of()),
                    received.getOrDefault(id, Map.of())));
        }

        List<Item> rangeItems = new ArrayList<>();
        admin.ranges(t, campaign.id()).forEach(r -> rangeItems.add(new Item(r.id().value(), r.names(), r.id().value(),
                key(r.names()))));
        List<Item> productItems = new ArrayList<>();
        Map<UUID, Integer> rangeOrder = new LinkedHashMap<>();
        for (int i = 0; i < rangeItems.size(); i++) {
            rangeOrder.put(rangeItems.get(i).id(), i);
        }
        catalogueProducts.stream()
                .sorted(Comparator.comparing((CatalogueAdmin.ProductView p) -> rangeOrder.getOrDefault(p.range().value(), 0)))
                .forEach(p -> productItems.add(new Item(p.id().value(), p.form().names(), p.range().value(),
                        p.form().code())));
        return new Snapshot(campaign, tenant.currency(), List.copyOf(prospects), List.copyOf(rangeItems),
                List.copyOf(productItems));
    }

    private static String key(Map<Language, String> names) {
        String name = names.getOrDefault(Language.FR, names.values().stream().findFirst().orElse(""));
        return ProspectFilter.fold(name).strip();
    }
}
