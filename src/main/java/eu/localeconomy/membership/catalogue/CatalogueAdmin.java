package eu.localeconomy.membership.catalogue;

import eu.localeconomy.audit.AuditLog;
import eu.localeconomy.directory.Criteria;
import eu.localeconomy.directory.Criterion;
import eu.localeconomy.directory.DirectoryFields;
import eu.localeconomy.directory.SegmentId;
import eu.localeconomy.directory.Segments;
import eu.localeconomy.membership.catalogue.CatalogueValidationException.Problem;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantId;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The office's changes to campaigns, ranges, segment assignments, products and price rules: validated (a
 * {@link CatalogueValidationException} names each wrong field), tenant-scoped, audited. Also read by the demo data.
 */
@Service
public class CatalogueAdmin {

    /** VAT rates the office may choose, in basis points: 20 %, 10 %, 5.5 %, 2.1 %, none. */
    public static final List<Integer> VAT_RATES = List.of(2000, 1000, 550, 210, 0);
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,39}");

    public record CampaignForm(Integer season, String name, LocalDate opensOn, LocalDate closesOn,
                               CampaignStatus status, Map<Language, String> intros) {
    }

    public record RangeForm(Map<Language, String> names, boolean additional, int position) {
    }

    public record ProductForm(String code, Map<Language, String> names, Map<Language, String> descriptions,
                              ProductType type, int vatRateBasisPoints, Long basePriceCents,
                              Long donationMinimumCents, LocalDate availableFrom, LocalDate availableUntil,
                              Integer stockLimit, int maxPerOrder, Set<ProductId> requires, Set<ProductId> excludes,
                              int position) {
    }

    public record RuleForm(PriceRuleKind kind, Criterion condition, Map<String, Object> params,
                           Map<Language, String> labels) {
    }

    public record Assignment(SegmentId segment, int priority) {
    }

    public record RangeView(RangeId id, Map<Language, String> names, boolean additional, int position,
                            List<Assignment> segments) {
    }

    public record ProductView(ProductId id, RangeId range, ProductForm form, int stockTaken) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AuditLog audit;
    private final Segments segments;
    private final DirectoryFields fields;
    private final CatalogueStore store;

    CatalogueAdmin(JdbcClient jdbc, Clock clock, AuditLog audit, Segments segments, DirectoryFields fields,
                   CatalogueStore store) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.audit = audit;
        this.segments = segments;
        this.fields = fields;
        this.store = store;
    }

    // --- campaigns ------------------------------------------------------------------------------------------------

    public List<Campaign> campaigns(TenantId tenant) {
        return store.campaigns(tenant);
    }

    public Optional<Campaign> campaign(TenantId tenant, CampaignId id) {
        return store.campaign(tenant, id);
    }

    @Transactional
    public CampaignId createCampaign(TenantId tenant, CampaignForm form, Actor actor) {
        validate(form);
        CampaignId id = new CampaignId(UUID.randomUUID());
        Timestamp now = Timestamp.from(clock.instant());
        try {
            jdbc.sql("""
                            insert into membership_campaign (id, tenant_id, season, name, opens_on, closes_on, status,
                                texts, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?)""")
                    .params(id.value(), tenant.value(), form.season(), form.name().strip(),
                            Date.valueOf(form.opensOn()), Date.valueOf(form.closesOn()), form.status().name(),
                            CatalogueJson.nestedJson(form.intros(), "intro"), now, now).update();
        } catch (DuplicateKeyException e) {
            throw new CatalogueValidationException(List.of(new Problem("name", "catalogue.campaign.error.nameTaken")));
        }
        audit.record(actor, tenant, "catalogue.campaign.created", "membership_campaign", id.value(),
                Map.of("season", form.season(), "status", form.status().name()));
        return id;
    }

    @Transactional
    public void updateCampaign(TenantId tenant, CampaignId id, CampaignForm form, Actor actor) {
        validate(form);
        int updated;
        try {
            updated = jdbc.sql("""
                            update membership_campaign set season = ?, name = ?, opens_on = ?, closes_on = ?,
                                status = ?, texts = cast(? as jsonb), updated_at = ? where tenant_id = ? and id = ?""")
                    .params(form.season(), form.name().strip(), Date.valueOf(form.opensOn()),
                            Date.valueOf(form.closesOn()), form.status().name(),
                            CatalogueJson.nestedJson(form.intros(), "intro"), Timestamp.from(clock.instant()),
                            tenant.value(), id.value()).update();
        } catch (DuplicateKeyException e) {
            throw new CatalogueValidationException(List.of(new Problem("name", "catalogue.campaign.error.nameTaken")));
        }
        if (updated == 0) {
            throw new UnknownCatalogueItemException("campaign");
        }
        audit.record(actor, tenant, "catalogue.campaign.updated", "membership_campaign", id.value(),
                Map.of("season", form.season(), "status", form.status().name()));
    }

    private static void validate(CampaignForm form) {
        List<Problem> problems = problems(form);
        if (!problems.isEmpty()) {
            throw new CatalogueValidationException(problems);
        }
    }

    /** What is wrong with a campaign form, without saving it (pages show every problem at once). */
    static List<Problem> problems(CampaignForm form) {
        List<Problem> problems = new ArrayList<>();
        if (form.season() == null || form.season() < 1990 || form.season() > 2200) {
            problems.add(new Problem("season", "catalogue.campaign.error.season"));
        }
        if (form.name() == null || form.name().isBlank()) {
            problems.add(new Problem("name", "catalogue.campaign.error.name"));
        } else if (form.name().strip().length() > 120) {
            problems.add(new Problem("name", "catalogue.error.tooLong", 120));
        }
        if (form.opensOn() == null) {
            problems.add(new Problem("opensOn", "catalogue.campaign.error.opensOn"));
        }
        if (form.closesOn() == null) {
            problems.add(new Problem("closesOn", "catalogue.campaign.error.closesOn"));
        }
        if (form.opensOn() != null && form.closesOn() != null && form.closesOn().isBefore(form.opensOn())) {
            problems.add(new Problem("closesOn", "catalogue.campaign.error.dateOrder"));
        }
        if (form.status() == null) {
            problems.add(new Problem("status", "catalogue.campaign.error.status"));
        }
        texts(form.intros(), "intro", 4000, false, problems);
        return problems;
    }

    // --- ranges ---------------------------------------------------------------------------------------------------

    public List<RangeView> ranges(TenantId tenant, CampaignId campaign) {
        Map<UUID, List<Assignment>> assigned = new LinkedHashMap<>();
        jdbc.sql("""
                        select rs.range_id, rs.segment_id, rs.priority from membership_range_segment rs
                        join membership_range r on r.tenant_id = rs.tenant_id and r.id = rs.range_id
                        where rs.tenant_id = ? and r.campaign_id = ? order by rs.priority desc""")
                .params(tenant.value(), campaign.value())
                .query(rs -> {
                    assigned.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                            .add(new Assignment(new SegmentId(rs.getObject(2, UUID.class)), rs.getInt(3)));
                });
        return jdbc.sql("""
                        select id, names::text, additional, position from membership_range
                        where tenant_id = ? and campaign_id = ? order by position, id""")
                .params(tenant.value(), campaign.value())
                .query((rs, n) -> {
                    UUID id = rs.getObject(1, UUID.class);
                    return new RangeView(new RangeId(id), CatalogueJson.texts(rs.getString(2)), rs.getBoolean(3),
                            rs.getInt(4), List.copyOf(assigned.getOrDefault(id, List.of())));
                }).list();
    }

    public Optional<CampaignId> campaignOfRange(TenantId tenant, RangeId range) {
        return jdbc.sql("select campaign_id from membership_range where tenant_id = ? and id = ?")
                .params(tenant.value(), range.value()).query(UUID.class).optional().map(CampaignId::new);
    }

    @Transactional
    public RangeId createRange(TenantId tenant, CampaignId campaign, RangeForm form, Actor actor) {
        validate(form);
        if (store.campaign(tenant, campaign).isEmpty()) {
            throw new UnknownCatalogueItemException("campaign");
        }
        RangeId id = new RangeId(UUID.randomUUID());
        jdbc.sql("""
                        insert into membership_range (id, tenant_id, campaign_id, names, additional, position, created_at)
                        values (?, ?, ?, cast(? as jsonb), ?, ?, ?)""")
                .params(id.value(), tenant.value(), campaign.value(), CatalogueJson.textsJson(form.names()),
                        form.additional(), form.position(), Timestamp.from(clock.instant())).update();
        audit.record(actor, tenant, "catalogue.range.created", "membership_range", id.value(),
                Map.of("campaign", campaign.value().toString(), "additional", form.additional()));
        return id;
    }

    @Transactional
    public void updateRange(TenantId tenant, RangeId id, RangeForm form, Actor actor) {
        validate(form);
        int updated = jdbc.sql("""
                        update membership_range set names = cast(? as jsonb), additional = ?, position = ?
                        where tenant_id = ? and id = ?""")
                .params(CatalogueJson.textsJson(form.names()), form.additional(), form.position(), tenant.value(),
                        id.value()).update();
        if (updated == 0) {
            throw new UnknownCatalogueItemException("range");
        }
        audit.record(actor, tenant, "catalogue.range.updated", "membership_range", id.value(),
                Map.of("additional", form.additional()));
    }

    /** Assigns the range to a segment of the tenant (or changes the priority of an assignment). */
    @Transactional
    public void assign(TenantId tenant, RangeId range, SegmentId segment, int priority, Actor actor) {
        if (campaignOfRange(tenant, range).isEmpty()) {
            throw new UnknownCatalogueItemException("range");
        }
        if (segments.find(tenant, segment).isEmpty()) {
            throw new CatalogueValidationException(List.of(new Problem("segment", "catalogue.range.error.segment")));
        }
        if (priority < -1000 || priority > 1000) {
            throw new CatalogueValidationException(List.of(new Problem("priority", "catalogue.range.error.priority")));
        }
        jdbc.sql("""
                        insert into membership_range_segment (tenant_id, range_id, segment_id, priority)
                        values (?, ?, ?, ?) on conflict (tenant_id, range_id, segment_id)
                        do update set priority = excluded.priority""")
                .params(tenant.value(), range.value(), segment.value(), priority).update();
        audit.record(actor, tenant, "catalogue.range.assigned", "membership_range", range.value(),
                Map.of("segment", segment.value().toString(), "priority", priority));
    }

    @Transactional
    public void unassign(TenantId tenant, RangeId range, SegmentId segment, Actor actor) {
        int deleted = jdbc.sql("delete from membership_range_segment where tenant_id = ? and range_id = ? and segment_id = ?")
                .params(tenant.value(), range.value(), segment.value()).update();
        if (deleted > 0) {
            audit.record(actor, tenant, "catalogue.range.unassigned", "membership_range", range.value(),
                    Map.of("segment", segment.value().toString()));
        }
    }

    private static void validate(RangeForm form) {
        List<Problem> problems = new ArrayList<>();
        texts(form.names(), "names", 120, true, problems);
        if (form.position() < 0 || form.position() > 10000) {
            problems.add(new Problem("position", "catalogue.error.position"));
        }
        if (!problems.isEmpty()) {
            throw new CatalogueValidationException(problems);
        }
    }

    // --- products -------------------------------------------------------------------------------------------------

    public List<ProductView> products(TenantId tenant, CampaignId campaign) {
        return jdbc.sql("""
                        select p.id, p.range_id, p.code, p.names::text, p.descriptions::text, p.type, p.vat_rate_bp,
                               p.base_price_cents, p.donation_minimum_cents, p.available_from, p.available_until,
                               p.stock_limit, p.max_per_order, p.requires, p.excludes, p.position, p.stock_taken
                        from membership_product p
                        join membership_range r on r.tenant_id = p.tenant_id and r.id = p.range_id
                        where p.tenant_id = ? and r.campaign_id = ? order by r.position, p.position, p.code""")
                .params(tenant.value(), campaign.value())
                .query((rs, n) -> new ProductView(new ProductId(rs.getObject(1, UUID.class)),
                        new RangeId(rs.getObject(2, UUID.class)),
                        new ProductForm(rs.getString(3), CatalogueJson.texts(rs.getString(4)),
                                CatalogueJson.texts(rs.getString(5)), ProductType.valueOf(rs.getString(6)),
                                rs.getInt(7), rs.getObject(8, Long.class), rs.getObject(9, Long.class),
                                rs.getObject(10, LocalDate.class), rs.getObject(11, LocalDate.class),
                                rs.getObject(12, Integer.class), rs.getInt(13),
                                CatalogueStore.productIds(rs.getArray(14)), CatalogueStore.productIds(rs.getArray(15)),
                                rs.getInt(16)), rs.getInt(17))).list();
    }

    @Transactional
    public ProductId createProduct(TenantId tenant, RangeId range, ProductForm form, Actor actor) {
        CampaignId campaign = campaignOfRange(tenant, range)
                .orElseThrow(() -> new UnknownCatalogueItemException("range"));
        ProductId id = new ProductId(UUID.randomUUID());
        validate(tenant, campaign, id, form, 0);
        Timestamp now = Timestamp.from(clock.instant());
        try {
            jdbc.sql("""
                            insert into membership_product (id, tenant_id, range_id, code, names, descriptions, type,
                                vat_rate_bp, base_price_cents, donation_minimum_cents, available_from, available_until,
                                stock_limit, max_per_order, requires, excludes, position, created_at, updated_at)
                            values (?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb), ?, ?, ?, ?, ?, ?, ?, ?,
                                cast(? as uuid[]), cast(? as uuid[]), ?, ?, ?)""")
                    .params(productParams(id, tenant, range, form, now)).update();
        } catch (DuplicateKeyException e) {
            throw new CatalogueValidationException(List.of(new Problem("code", "catalogue.product.error.codeTaken")));
        }
        audit.record(actor, tenant, "catalogue.product.created", "membership_product", id.value(),
                Map.of("code", form.code(), "range", range.value().toString()));
        return id;
    }

    @Transactional
    public void updateProduct(TenantId tenant, ProductId id, ProductForm form, Actor actor) {
        ProductView current = product(tenant, id).orElseThrow(() -> new UnknownCatalogueItemException("product"));
        CampaignId campaign = campaignOfRange(tenant, current.range()).orElseThrow();
        validate(tenant, campaign, id, form, current.stockTaken());
        try {
            jdbc.sql("""
                            update membership_product set code = ?, names = cast(? as jsonb),
                                descriptions = cast(? as jsonb), type = ?, vat_rate_bp = ?, base_price_cents = ?,
                                donation_minimum_cents = ?, available_from = ?, available_until = ?, stock_limit = ?,
                                max_per_order = ?, requires = cast(? as uuid[]), excludes = cast(? as uuid[]),
                                position = ?, updated_at = ? where tenant_id = ? and id = ?""")
                    .params(form.code().strip(), CatalogueJson.textsJson(form.names()),
                            CatalogueJson.textsJson(form.descriptions()), form.type().name(),
                            form.vatRateBasisPoints(), price(form), donationMinimum(form),
                            date(form.availableFrom()), date(form.availableUntil()), form.stockLimit(),
                            form.maxPerOrder(), uuidArray(form.requires()), uuidArray(form.excludes()),
                            form.position(), Timestamp.from(clock.instant()), tenant.value(), id.value()).update();
        } catch (DuplicateKeyException e) {
            throw new CatalogueValidationException(List.of(new Problem("code", "catalogue.product.error.codeTaken")));
        }
        audit.record(actor, tenant, "catalogue.product.updated", "membership_product", id.value(),
                Map.of("code", form.code()));
    }

    public Optional<ProductView> product(TenantId tenant, ProductId id) {
        Optional<UUID> campaign = jdbc.sql("""
                        select r.campaign_id from membership_product p
                        join membership_range r on r.tenant_id = p.tenant_id and r.id = p.range_id
                        where p.tenant_id = ? and p.id = ?""")
                .params(tenant.value(), id.value()).query(UUID.class).optional();
        return campaign.flatMap(c -> products(tenant, new CampaignId(c)).stream()
                .filter(p -> p.id().equals(id)).findFirst());
    }

    private Object[] productParams(ProductId id, TenantId tenant, RangeId range, ProductForm form, Timestamp now) {
        return new Object[]{id.value(), tenant.value(), range.value(), form.code().strip(),
                CatalogueJson.textsJson(form.names()), CatalogueJson.textsJson(form.descriptions()),
                form.type().name(), form.vatRateBasisPoints(), price(form), donationMinimum(form),
                date(form.availableFrom()), date(form.availableUntil()), form.stockLimit(), form.maxPerOrder(),
                uuidArray(form.requires()), uuidArray(form.excludes()), form.position(), now, now};
    }

    private static Long price(ProductForm form) {
        return form.type() == ProductType.DONATION ? null : form.basePriceCents();
    }

    private static Long donationMinimum(ProductForm form) {
        return form.type() == ProductType.DONATION
                ? (form.donationMinimumCents() == null ? 0L : form.donationMinimumCents()) : null;
    }

    private static Date date(LocalDate date) {
        return date == null ? null : Date.valueOf(date);
    }

    private static String uuidArray(Set<ProductId> ids) {
        if (ids == null || ids.isEmpty()) {
            return "{}";
        }
        return "{" + String.join(",", ids.stream().map(ProductId::toString).toList()) + "}";
    }

    private void validate(TenantId tenant, CampaignId campaign, ProductId self, ProductForm form, int stockTaken) {
        List<Problem> problems = problems(tenant, campaign, self, form, stockTaken);
        if (!problems.isEmpty()) {
            throw new CatalogueValidationException(problems);
        }
    }

    /** What is wrong with a product form, without saving it. */
    List<Problem> problems(TenantId tenant, CampaignId campaign, ProductId self, ProductForm form, int stockTaken) {
        List<Problem> problems = new ArrayList<>();
        if (form.code() == null || !CODE.matcher(form.code().strip()).matches()) {
            problems.add(new Problem("code", "catalogue.product.error.code"));
        }
        texts(form.names(), "names", 200, true, problems);
        texts(form.descriptions(), "descriptions", 4000, false, problems);
        if (form.type() == null) {
            problems.add(new Problem("type", "catalogue.product.error.type"));
        }
        if (!VAT_RATES.contains(form.vatRateBasisPoints())) {
            problems.add(new Problem("vatRate", "catalogue.product.error.vatRate"));
        }
        if (form.type() != null && form.type() != ProductType.DONATION) {
            if (form.basePriceCents() == null || form.basePriceCents() < 0
                    || form.basePriceCents() > PriceRuleParams.MAX_CENTS) {
                problems.add(new Problem("basePrice", "catalogue.product.error.basePrice"));
            }
        } else if (form.type() == ProductType.DONATION && form.donationMinimumCents() != null
                && (form.donationMinimumCents() < 0 || form.donationMinimumCents() > PriceRuleParams.MAX_CENTS)) {
            problems.add(new Problem("donationMinimum", "catalogue.product.error.donationMinimum"));
        }
        if (form.availableFrom() != null && form.availableUntil() != null
                && form.availableUntil().isBefore(form.availableFrom())) {
            problems.add(new Problem("availableUntil", "catalogue.product.error.availability"));
        }
        if (form.stockLimit() != null && (form.stockLimit() < 0 || form.stockLimit() > 1_000_000)) {
            problems.add(new Problem("stockLimit", "catalogue.product.error.stockLimit"));
        } else if (form.stockLimit() != null && form.stockLimit() < stockTaken) {
            problems.add(new Problem("stockLimit", "catalogue.product.error.stockBelowTaken", stockTaken));
        }
        if (form.maxPerOrder() < 1 || form.maxPerOrder() > 10000) {
            problems.add(new Problem("maxPerOrder", "catalogue.product.error.maxPerOrder"));
        }
        if (form.position() < 0 || form.position() > 10000) {
            problems.add(new Problem("position", "catalogue.error.position"));
        }
        Set<ProductId> requires = form.requires() == null ? Set.of() : form.requires();
        Set<ProductId> excludes = form.excludes() == null ? Set.of() : form.excludes();
        if (!requires.isEmpty() || !excludes.isEmpty()) {
            Set<ProductId> inCampaign = new java.util.HashSet<>();
            products(tenant, campaign).forEach(p -> inCampaign.add(p.id()));
            if ((self != null && requires.contains(self)) || !inCampaign.containsAll(requires)) {
                problems.add(new Problem("requires", "catalogue.product.error.related"));
            }
            if ((self != null && excludes.contains(self)) || !inCampaign.containsAll(excludes)) {
                problems.add(new Problem("excludes", "catalogue.product.error.related"));
            }
            if (requires.stream().anyMatch(excludes::contains)) {
                problems.add(new Problem("excludes", "catalogue.product.error.requiresAndExcludes"));
            }
        }
        return problems;
    }

    // --- price rules ----------------------------------------------------------------------------------------------

    public List<PriceRule> rules(TenantId tenant, ProductId product) {
        return jdbc.sql("""
                        select id, position, kind, condition::text, params::text, labels::text
                        from membership_price_rule where tenant_id = ? and product_id = ? order by position""")
                .params(tenant.value(), product.value())
                .query((rs, n) -> CatalogueStore.rule(rs, 0)).list();
    }

    /** Adds a rule after the product's last one. */
    @Transactional
    public UUID addRule(TenantId tenant, ProductId product, RuleForm form, Actor actor) {
        validate(tenant, form);
        lockProduct(tenant, product);
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into membership_price_rule (id, tenant_id, product_id, position, kind, condition, params,
                            labels, created_at)
                        values (?, ?, ?, (select coalesce(max(position), 0) + 1 from membership_price_rule
                                          where tenant_id = ? and product_id = ?),
                                ?, cast(? as jsonb), cast(? as jsonb), cast(? as jsonb), ?)""")
                .params(id, tenant.value(), product.value(), tenant.value(), product.value(), form.kind().name(),
                        form.condition() == null ? null : Criteria.toJson(form.condition()),
                        CatalogueJson.write(form.params()), CatalogueJson.textsJson(form.labels()),
                        Timestamp.from(clock.instant())).update();
        audit.record(actor, tenant, "catalogue.rule.created", "membership_price_rule", id,
                Map.of("product", product.value().toString(), "kind", form.kind().name()));
        return id;
    }

    @Transactional
    public void updateRule(TenantId tenant, ProductId product, UUID rule, RuleForm form, Actor actor) {
        validate(tenant, form);
        int updated = jdbc.sql("""
                        update membership_price_rule set kind = ?, condition = cast(? as jsonb), params = cast(? as jsonb),
                            labels = cast(? as jsonb) where tenant_id = ? and product_id = ? and id = ?""")
                .params(form.kind().name(), form.condition() == null ? null : Criteria.toJson(form.condition()),
                        CatalogueJson.write(form.params()), CatalogueJson.textsJson(form.labels()), tenant.value(),
                        product.value(), rule).update();
        if (updated == 0) {
            throw new UnknownCatalogueItemException("rule");
        }
        audit.record(actor, tenant, "catalogue.rule.updated", "membership_price_rule", rule,
                Map.of("kind", form.kind().name()));
    }

    @Transactional
    public void deleteRule(TenantId tenant, ProductId product, UUID rule, Actor actor) {
        int deleted = jdbc.sql("delete from membership_price_rule where tenant_id = ? and product_id = ? and id = ?")
                .params(tenant.value(), product.value(), rule).update();
        if (deleted == 0) {
            throw new UnknownCatalogueItemException("rule");
        }
        audit.record(actor, tenant, "catalogue.rule.deleted", "membership_price_rule", rule, Map.of());
    }

    /** Swaps the rule with the one before it ({@code up}) or after it; nothing at either end. */
    @Transactional
    public void moveRule(TenantId tenant, ProductId product, UUID rule, boolean up, Actor actor) {
        lockProduct(tenant, product);
        List<PriceRule> rules = rules(tenant, product);
        int index = -1;
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).id().equals(rule)) {
                index = i;
            }
        }
        if (index < 0) {
            throw new UnknownCatalogueItemException("rule");
        }
        int other = up ? index - 1 : index + 1;
        if (other < 0 || other >= rules.size()) {
            return;
        }
        PriceRule a = rules.get(index);
        PriceRule b = rules.get(other);
        // (product, position) is unique and not deferrable: park one rule on a free position while swapping.
        String move = "update membership_price_rule set position = ? where tenant_id = ? and id = ?";
        jdbc.sql(move).params(-1, tenant.value(), a.id()).update();
        jdbc.sql(move).params(a.position(), tenant.value(), b.id()).update();
        jdbc.sql(move).params(b.position(), tenant.value(), a.id()).update();
        audit.record(actor, tenant, "catalogue.rule.moved", "membership_price_rule", rule,
                Map.of("direction", up ? "up" : "down"));
    }

    private void lockProduct(TenantId tenant, ProductId product) {
        jdbc.sql("select id from membership_product where tenant_id = ? and id = ? for update")
                .params(tenant.value(), product.value()).query(UUID.class).optional()
                .orElseThrow(() -> new UnknownCatalogueItemException("product"));
    }

    private void validate(TenantId tenant, RuleForm form) {
        List<Problem> problems = new ArrayList<>();
        if (form.kind() == null) {
            problems.add(new Problem("kind", "catalogue.rule.invalid.kind"));
        } else {
            try {
                PriceRuleParams params = PriceRuleParams.parse(form.kind(), form.params());
                String field = switch (params) {
                    case PriceRuleParams.PerUnit p -> p.field();
                    case PriceRuleParams.Bands b -> b.field();
                    default -> null;
                };
                if (field != null && fields.of(tenant).stream().noneMatch(
                        f -> f.key().equals(field) && f.type() == eu.localeconomy.directory.FieldType.NUMBER)) {
                    problems.add(new Problem("params", "catalogue.rule.invalid.field"));
                }
            } catch (InvalidPriceRuleException e) {
                problems.add(new Problem("params", e.messageKey(), e.arguments()));
            }
        }
        if (form.condition() != null) {
            // The directory's own messages (its bundle), so the office reads the same words as in the segment builder.
            Criteria.check(form.condition(), fields.of(tenant))
                    .forEach(p -> problems.add(new Problem("condition", p.messageKey(), p.args().toArray())));
        }
        texts(form.labels(), "labels", 200, true, problems);
        if (!problems.isEmpty()) {
            throw new CatalogueValidationException(problems);
        }
    }

    // --- shared ---------------------------------------------------------------------------------------------------

    private static void texts(Map<Language, String> texts, String field, int max, boolean required,
                              List<Problem> problems) {
        boolean any = false;
        for (Map.Entry<Language, String> text : (texts == null ? Map.<Language, String>of() : texts).entrySet()) {
            if (text.getValue() != null && !text.getValue().isBlank()) {
                any = true;
                if (text.getValue().strip().length() > max) {
                    problems.add(new Problem(field + "." + text.getKey().code(), "catalogue.error.tooLong", max));
                }
            }
        }
        if (required && !any) {
            problems.add(new Problem(field + ".fr", "catalogue.error.textRequired"));
        }
    }
}
