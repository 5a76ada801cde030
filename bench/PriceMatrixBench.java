import eu.localeconomy.LocalEconomyApplication;
import eu.localeconomy.directory.Criterion;
import eu.localeconomy.directory.CustomField;
import eu.localeconomy.directory.CustomFields;
import eu.localeconomy.directory.Establishment;
import eu.localeconomy.directory.EstablishmentDetails;
import eu.localeconomy.directory.EstablishmentId;
import eu.localeconomy.directory.EstablishmentType;
import eu.localeconomy.directory.Establishments;
import eu.localeconomy.directory.FieldType;
import eu.localeconomy.directory.OrganisationId;
import eu.localeconomy.directory.SegmentId;
import eu.localeconomy.directory.Segments;
import eu.localeconomy.membership.catalogue.CampaignId;
import eu.localeconomy.membership.catalogue.CampaignStatus;
import eu.localeconomy.membership.catalogue.Catalogue;
import eu.localeconomy.membership.catalogue.CatalogueAdmin;
import eu.localeconomy.membership.catalogue.Offer;
import eu.localeconomy.membership.catalogue.PriceRuleKind;
import eu.localeconomy.membership.catalogue.ProductId;
import eu.localeconomy.membership.catalogue.ProductType;
import eu.localeconomy.membership.catalogue.RangeId;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.Money;
import eu.localeconomy.shared.TenantId;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.tenant.Tenant;
import eu.localeconomy.tenant.Tenants;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Price matrix figures, in one JVM on the platform's own services and embedded PostgreSQL: N establishments (mixed
 * types, classifications, capacities, main/secondary, membership seasons, custom fields) made through the directory's
 * API, a campaign of P products in a range for everyone and an additional range, each product with 3 to 5 rules
 * (conditions on type, classification, capacity, seasons, custom fields). Times Catalogue.offersForAll — loading the
 * establishments and the campaign, resolving ranges and pricing every product for every establishment — after a
 * warm-up. Baseline, same run: the same loading (establishments, segments, ranges, products) and the same loops with
 * every price replaced by the base price. Prints RESULT lines for bench/price-matrix.sh.
 */
public class PriceMatrixBench {

    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args.length > 0 ? args[0] : "2000");
        int productCount = Integer.parseInt(args.length > 1 ? args[1] : "50");
        int runs = Integer.parseInt(args.length > 2 ? args[2] : "3");
        Path work = Files.createTempDirectory("price-matrix-bench");
        ConfigurableApplicationContext context = SpringApplication.run(LocalEconomyApplication.class,
                "--server.port=0", "--app.embedded-db.ephemeral=true",
                "--app.embedded-db.data-dir=" + work.resolve("postgres"), "--app.files.dir=" + work.resolve("files"),
                "--app.security.data-key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=", "--app.demo.enabled=false",
                "--logging.level.root=WARN", "--spring.main.banner-mode=off");
        try {
            var tenants = context.getBean(Tenants.class);
            var establishments = context.getBean(Establishments.class);
            var customFields = context.getBean(CustomFields.class);
            var segments = context.getBean(Segments.class);
            var catalogue = context.getBean(Catalogue.class);
            var admin = context.getBean(CatalogueAdmin.class);

            Tenant tenant = tenants.create(new Tenants.NewTenant("bench", "Office de tourisme", TenantKind.TOURISM_OFFICE,
                    Language.FR, "Europe/Paris", "#0b5a7a",
                    new Tenant.LegalIdentity("Office de tourisme", "Place 1", "76790", "Étretat", "FR", null, null), null));
            TenantId id = tenant.id();
            LocalDate today = LocalDate.of(2026, 11, 23);
            long t = System.nanoTime();
            makeDirectory(id, count, establishments, customFields);
            System.out.printf("%d establishments made in %d ms%n", count, (System.nanoTime() - t) / 1_000_000);
            CampaignId campaign = makeCampaign(id, productCount, today, segments, admin);

            for (int warm = 0; warm < 3; warm++) {
                catalogue.offersForAll(id, campaign, today);
                baseline(id, campaign, establishments, segments, admin);
            }
            for (int run = 1; run <= runs; run++) {
                t = System.nanoTime();
                List<Offer> offers = catalogue.offersForAll(id, campaign, today);
                long matrixMs = (System.nanoTime() - t) / 1_000_000;
                long priced = offers.stream().mapToLong(o -> o.products().size()).sum();
                long conflicts = offers.stream().flatMap(o -> o.products().stream())
                        .filter(p -> p.price() != null && !p.price().conflicts().isEmpty()).count();
                t = System.nanoTime();
                long cells = baseline(id, campaign, establishments, segments, admin);
                long baselineMs = (System.nanoTime() - t) / 1_000_000;
                System.out.printf("RESULT establishments=%d products=%d priced=%d cells=%d conflicts=%d matrix_ms=%d baseline_ms=%d%n",
                        offers.size(), productCount, priced, cells, conflicts, matrixMs, baselineMs);
            }
        } finally {
            context.close();
        }
    }

    /** The same loading and loops with the base price instead of the rules: what pricing itself costs is the rest. */
    static long baseline(TenantId tenant, CampaignId campaign, Establishments establishments, Segments segments,
                         CatalogueAdmin admin) {
        List<Establishment> all = establishments.all(tenant);
        segments.of(tenant);
        admin.ranges(tenant, campaign);
        List<CatalogueAdmin.ProductView> products = admin.products(tenant, campaign);
        long cells = 0;
        long sum = 0;
        for (Establishment establishment : all) {
            for (CatalogueAdmin.ProductView product : products) {
                Money price = Money.euros(product.form().basePriceCents());
                sum += price.cents() + establishment.version();
                cells++;
            }
        }
        return sum == Long.MIN_VALUE ? -1 : cells;
    }

    static void makeDirectory(TenantId tenant, int count, Establishments establishments, CustomFields customFields) {
        customFields.define(tenant, new CustomField("partner", FieldType.BOOLEAN, Map.of(Language.FR, "Partenaire", Language.NL, "Partner", Language.EN, "Partner"),
                List.of(), 0), Actor.SYSTEM);
        customFields.define(tenant, new CustomField("brochure_pages", FieldType.NUMBER, Map.of(Language.FR, "Pages", Language.NL, "Pagina's", Language.EN, "Pages"),
                List.of(), 1), Actor.SYSTEM);
        OrganisationId group = establishments.organisation(tenant, "732829320", "Groupe des Falaises");
        OrganisationId other = establishments.organisation(tenant, "404833048", "Société de la Côte");
        Random random = new Random(42);
        EstablishmentType[] types = EstablishmentType.values();
        for (int i = 0; i < count; i++) {
            EstablishmentType type = i % 3 == 0 ? EstablishmentType.HOTEL : types[random.nextInt(types.length)];
            Map<String, Object> custom = new HashMap<>();
            if (random.nextInt(4) == 0) {
                custom.put("partner", true);
            }
            if (random.nextInt(3) == 0) {
                custom.put("brochure_pages", new BigDecimal(1 + random.nextInt(4)));
            }
            boolean inGroup = random.nextInt(10) == 0;
            EstablishmentDetails details = new EstablishmentDetails(inGroup ? (i % 2 == 0 ? group : other) : null,
                    !inGroup || random.nextBoolean(), "Établissement " + i, null, null, null, type,
                    type == EstablishmentType.HOTEL || type == EstablishmentType.CAMPSITE ? "PREFECTORAL" : null,
                    type == EstablishmentType.HOTEL || type == EstablishmentType.CAMPSITE ? String.valueOf(1 + random.nextInt(5)) : null,
                    random.nextInt(8) == 0 ? null : random.nextInt(300),
                    type == EstablishmentType.HOTEL ? Integer.valueOf(5 + random.nextInt(120)) : null,
                    type == EstablishmentType.CAMPSITE ? Integer.valueOf(20 + random.nextInt(300)) : null,
                    null, null, null, null, List.of(), null, "76790", "Étretat", "FR", null, null, custom);
            EstablishmentId created = establishments.create(tenant, details, Actor.SYSTEM);
            int seasons = random.nextInt(6);
            for (int s = 0; s < seasons; s++) {
                establishments.recordMembership(tenant, created, 2026 - s, "IMPORT", Actor.SYSTEM);
            }
        }
    }

    static Criterion is(String field, String value) {
        return new Criterion.Condition(field, Criterion.Operator.EQUALS, List.of(value));
    }

    static Criterion atLeast(String field, int min) {
        return new Criterion.Condition(field, Criterion.Operator.BETWEEN, List.of(String.valueOf(min), ""));
    }

    static CampaignId makeCampaign(TenantId tenant, int productCount, LocalDate today, Segments segments,
                                   CatalogueAdmin admin) {
        SegmentId everyone = segments.save(tenant, null, "Tous", new Criterion.Group(Criterion.Junction.ALL, List.of()),
                Actor.SYSTEM);
        SegmentId hotels = segments.save(tenant, null, "Hôtels", is("type", "HOTEL"), Actor.SYSTEM);
        SegmentId listed = segments.save(tenant, null, "Capacité renseignée",
                new Criterion.Condition("capacity_persons", Criterion.Operator.PRESENT, List.of()), Actor.SYSTEM);
        CampaignId campaign = admin.createCampaign(tenant, new CatalogueAdmin.CampaignForm(2027, "Adhésions 2027",
                today, today.plusMonths(3), CampaignStatus.OPEN, Map.of()), Actor.SYSTEM);
        RangeId main = admin.createRange(tenant, campaign, new CatalogueAdmin.RangeForm(Map.of(Language.FR, "Adhésion"),
                false, 0), Actor.SYSTEM);
        admin.assign(tenant, main, everyone, 0, Actor.SYSTEM);
        admin.assign(tenant, main, hotels, 10, Actor.SYSTEM);
        RangeId extra = admin.createRange(tenant, campaign, new CatalogueAdmin.RangeForm(Map.of(Language.FR, "Congrès"),
                true, 1), Actor.SYSTEM);
        admin.assign(tenant, extra, listed, 0, Actor.SYSTEM);

        Random random = new Random(7);
        for (int p = 0; p < productCount; p++) {
            RangeId range = p < productCount * 4 / 5 ? main : extra;
            ProductId product = admin.createProduct(tenant, range, new CatalogueAdmin.ProductForm("P" + p,
                    Map.of(Language.FR, "Produit " + p), Map.of(), p % 5 == 0 ? ProductType.MANDATORY : ProductType.OPTIONAL,
                    2000, 5000L + 100L * p, null, null, null, null, 1, Set.of(), Set.of(), p), Actor.SYSTEM);
            List<CatalogueAdmin.RuleForm> rules = new ArrayList<>(List.of(
                    rule(PriceRuleKind.SET, new Criterion.Group(Criterion.Junction.ALL, List.of(is("type", "HOTEL"),
                            is("classification_value", String.valueOf(1 + random.nextInt(5))))),
                            Map.of("amountCents", 18000)),
                    rule(PriceRuleKind.PER_UNIT, is("type", "HOTEL"), Map.of("field", "capacity_rooms", "unitCents", 200,
                            "minCents", 1000, "maxCents", 30000, "mode", "ADD")),
                    rule(PriceRuleKind.BANDS, is("type", "CAMPSITE"), Map.of("field", "capacity_pitches", "mode", "SET",
                            "bands", List.of(Map.of("from", 0, "to", 99, "amountCents", 12000),
                                    Map.of("from", 100, "to", 199, "amountCents", 20000),
                                    Map.of("from", 200, "amountCents", 30000))))));
            if (random.nextBoolean()) {
                rules.add(rule(PriceRuleKind.ADJUST, atLeast("member_seasons", 3), Map.of("amountCents", -2000)));
            }
            if (random.nextBoolean()) {
                rules.add(rule(PriceRuleKind.PERCENT, is("custom.partner", "true"), Map.of("percent", "-10")));
            }
            if (rules.size() < 5 && random.nextBoolean()) {
                rules.add(rule(PriceRuleKind.PER_UNIT, null, Map.of("field", "custom.brochure_pages", "unitCents", 15000,
                        "mode", "ADD")));
            }
            rules.add(rule(PriceRuleKind.PERCENT, is("main", "false"), Map.of("percent", "-50")));
            for (CatalogueAdmin.RuleForm rule : rules.subList(0, Math.min(5, rules.size()))) {
                admin.addRule(tenant, product, rule, Actor.SYSTEM);
            }
        }
        return campaign;
    }

    static CatalogueAdmin.RuleForm rule(PriceRuleKind kind, Criterion condition, Map<String, Object> params) {
        return new CatalogueAdmin.RuleForm(kind, condition, params, Map.of(Language.FR, kind.name().toLowerCase()));
    }
}
