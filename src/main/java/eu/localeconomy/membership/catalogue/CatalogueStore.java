package eu.localeconomy.membership.catalogue;

import eu.localeconomy.directory.Criteria;
import eu.localeconomy.directory.Segment;
import eu.localeconomy.directory.SegmentId;
import eu.localeconomy.membership.catalogue.LoadedCampaign.Assignment;
import eu.localeconomy.membership.catalogue.LoadedCampaign.LoadedProduct;
import eu.localeconomy.membership.catalogue.LoadedCampaign.LoadedRange;
import eu.localeconomy.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Array;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Reads campaigns and loads one campaign whole (four queries, whatever its size). */
@Repository
class CatalogueStore {

    private final JdbcClient jdbc;

    CatalogueStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Campaign> campaign(TenantId tenant, CampaignId id) {
        return jdbc.sql("""
                        select id, season, name, opens_on, closes_on, status, texts::text from membership_campaign
                        where tenant_id = ? and id = ?""")
                .params(tenant.value(), id.value()).query(CatalogueStore::campaign).optional();
    }

    List<Campaign> campaigns(TenantId tenant) {
        return jdbc.sql("""
                        select id, season, name, opens_on, closes_on, status, texts::text from membership_campaign
                        where tenant_id = ? order by season desc, opens_on desc, name""")
                .param(tenant.value()).query(CatalogueStore::campaign).list();
    }

    List<Campaign> openCampaigns(TenantId tenant, LocalDate today) {
        return jdbc.sql("""
                        select id, season, name, opens_on, closes_on, status, texts::text from membership_campaign
                        where tenant_id = ? and status = 'OPEN' and opens_on <= ? and closes_on >= ?
                        order by season desc, opens_on desc, name""")
                .params(tenant.value(), Date.valueOf(today), Date.valueOf(today))
                .query(CatalogueStore::campaign).list();
    }

    /** The campaign with everything needed to offer and price it; the segments come from the directory's API. */
    Optional<LoadedCampaign> load(TenantId tenant, CampaignId id, String currency, List<Segment> segments) {
        Optional<Campaign> found = campaign(tenant, id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Map<SegmentId, Segment> segmentsById = new HashMap<>();
        segments.forEach(s -> segmentsById.put(s.id(), s));

        Map<UUID, List<Assignment>> assignments = new HashMap<>();
        jdbc.sql("""
                        select rs.range_id, rs.segment_id, rs.priority from membership_range_segment rs
                        join membership_range r on r.tenant_id = rs.tenant_id and r.id = rs.range_id
                        where rs.tenant_id = ? and r.campaign_id = ?
                        order by rs.priority desc, rs.segment_id""")
                .params(tenant.value(), id.value())
                .query(rs -> {
                    Segment segment = segmentsById.get(new SegmentId(rs.getObject(2, UUID.class)));
                    if (segment != null) {
                        assignments.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                                .add(new Assignment(segment.id(), segment.name(), segment.criterion(), rs.getInt(3)));
                    }
                });

        Map<UUID, List<PriceRule>> rules = new HashMap<>();
        jdbc.sql("""
                        select pr.product_id, pr.id, pr.position, pr.kind, pr.condition::text, pr.params::text,
                               pr.labels::text
                        from membership_price_rule pr
                        join membership_product p on p.tenant_id = pr.tenant_id and p.id = pr.product_id
                        join membership_range r on r.tenant_id = p.tenant_id and r.id = p.range_id
                        where pr.tenant_id = ? and r.campaign_id = ? order by pr.product_id, pr.position""")
                .params(tenant.value(), id.value())
                .query(rs -> {
                    rules.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>()).add(rule(rs, 1));
                });

        Map<UUID, List<LoadedProduct>> products = new HashMap<>();
        jdbc.sql("""
                        select p.range_id, p.id, p.code, p.names::text, p.descriptions::text, p.type, p.vat_rate_bp,
                               p.base_price_cents, p.donation_minimum_cents, p.available_from, p.available_until,
                               p.stock_limit, p.stock_taken, p.max_per_order, p.requires, p.excludes, p.position
                        from membership_product p
                        join membership_range r on r.tenant_id = p.tenant_id and r.id = p.range_id
                        where p.tenant_id = ? and r.campaign_id = ? order by p.position, p.code""")
                .params(tenant.value(), id.value())
                .query(rs -> {
                    UUID productId = rs.getObject(2, UUID.class);
                    List<PriceRule> productRules = rules.getOrDefault(productId, List.of());
                    products.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>()).add(
                            new LoadedProduct(new ProductId(productId), rs.getString(3),
                                    CatalogueJson.texts(rs.getString(4)), CatalogueJson.texts(rs.getString(5)),
                                    ProductType.valueOf(rs.getString(6)), rs.getInt(7),
                                    rs.getObject(8, Long.class), rs.getObject(9, Long.class),
                                    date(rs, 10), date(rs, 11), rs.getObject(12, Integer.class), rs.getInt(13),
                                    rs.getInt(14), productIds(rs.getArray(15)), productIds(rs.getArray(16)),
                                    rs.getInt(17), List.copyOf(productRules), PriceEngine.compile(productRules)));
                });

        List<LoadedRange> ranges = jdbc.sql("""
                        select id, names::text, additional, position from membership_range
                        where tenant_id = ? and campaign_id = ? order by position, id""")
                .params(tenant.value(), id.value())
                .query((rs, n) -> {
                    UUID rangeId = rs.getObject(1, UUID.class);
                    return new LoadedRange(new RangeId(rangeId), CatalogueJson.texts(rs.getString(2)),
                            rs.getBoolean(3), rs.getInt(4), List.copyOf(assignments.getOrDefault(rangeId, List.of())),
                            List.copyOf(products.getOrDefault(rangeId, List.of())));
                }).list();
        return Optional.of(new LoadedCampaign(found.get(), currency, ranges));
    }

    /** A price rule row read from {@code offset + 1}: id, position, kind, condition, params, labels. */
    static PriceRule rule(ResultSet rs, int offset) throws SQLException {
        String condition = rs.getString(offset + 4);
        return new PriceRule(rs.getObject(offset + 1, UUID.class), rs.getInt(offset + 2),
                PriceRuleKind.valueOf(rs.getString(offset + 3)),
                condition == null ? null : Criteria.fromJson(condition),
                CatalogueJson.object(rs.getString(offset + 5)), CatalogueJson.texts(rs.getString(offset + 6)));
    }

    static Campaign campaign(ResultSet rs, int row) throws SQLException {
        return new Campaign(new CampaignId(rs.getObject(1, UUID.class)), rs.getInt(2), rs.getString(3),
                rs.getObject(4, LocalDate.class), rs.getObject(5, LocalDate.class),
                CampaignStatus.valueOf(rs.getString(6)), CatalogueJson.nested(rs.getString(7), "intro"));
    }

    private static LocalDate date(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, LocalDate.class);
    }

    static Set<ProductId> productIds(Array array) throws SQLException {
        if (array == null) {
            return Set.of();
        }
        Set<ProductId> ids = new LinkedHashSet<>();
        for (Object value : (Object[]) array.getArray()) {
            ids.add(new ProductId((UUID) value));
        }
        return Set.copyOf(ids);
    }

    boolean takeStock(TenantId tenant, ProductId product, int quantity) {
        // The condition keeps the caller's transaction usable (no check violation); the CHECK is the safety net.
        return jdbc.sql("""
                        update membership_product set stock_taken = stock_taken + ?
                        where tenant_id = ? and id = ? and (stock_limit is null or stock_taken + ? <= stock_limit)""")
                .params(quantity, tenant.value(), product.value(), quantity).update() == 1;
    }

    boolean releaseStock(TenantId tenant, ProductId product, int quantity) {
        return jdbc.sql("""
                        update membership_product set stock_taken = stock_taken - ?
                        where tenant_id = ? and id = ? and stock_taken >= ?""")
                .params(quantity, tenant.value(), product.value(), quantity).update() == 1;
    }
}
