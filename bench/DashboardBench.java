import eu.localeconomy.LocalEconomyApplication;
import eu.localeconomy.account.Accounts;
import eu.localeconomy.account.Role;
import eu.localeconomy.directory.Criterion;
import eu.localeconomy.directory.EstablishmentDetails;
import eu.localeconomy.directory.EstablishmentId;
import eu.localeconomy.directory.EstablishmentType;
import eu.localeconomy.directory.Establishments;
import eu.localeconomy.directory.SegmentId;
import eu.localeconomy.directory.Segments;
import eu.localeconomy.membership.catalogue.CampaignId;
import eu.localeconomy.membership.catalogue.CampaignStatus;
import eu.localeconomy.membership.catalogue.CatalogueAdmin;
import eu.localeconomy.membership.catalogue.PriceRuleKind;
import eu.localeconomy.membership.catalogue.ProductId;
import eu.localeconomy.membership.catalogue.ProductType;
import eu.localeconomy.membership.catalogue.RangeId;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantId;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.tenant.Tenant;
import eu.localeconomy.tenant.Tenants;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Campaign dashboard figures, in one JVM on the platform and its embedded PostgreSQL, over HTTP on 127.0.0.1: a
 * tourism office with N establishments (a third hotels, the rest of every type) made through the directory's API, a
 * campaign of two ranges (membership for all, hotels priced by rooms and stars; an additional listing range) with a
 * dozen products carrying price rules, a season before it, and a realistic spread written in SQL as the extranet,
 * payments and reminders write it: 85 % invited, 55 % visited, 12 % baskets left, 35 % orders (of which 60 % paid,
 * 15 % partly paid, 5 % cancelled, 3 % refunded), payments by every method with some refunds, 5 % "not this season".
 * A logged-in administrator then GETs the dashboard (and the list behind a number) {@code requests} times per run
 * after a warm-up; baseline in the same run: the plain campaigns list page. Prints RESULT lines for
 * bench/dashboard.sh.
 */
public class DashboardBench {

    static final Pattern CSRF_INPUT = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    static final String PASSWORD = "Bench-Password-2026";

    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args.length > 0 ? args[0] : "2000");
        int requests = Integer.parseInt(args.length > 1 ? args[1] : "40");
        int runs = Integer.parseInt(args.length > 2 ? args[2] : "3");
        Path work = Files.createTempDirectory("dashboard-bench");
        ConfigurableApplicationContext context = SpringApplication.run(LocalEconomyApplication.class,
                "--server.port=0", "--server.address=127.0.0.1", "--app.embedded-db.ephemeral=true",
                "--app.embedded-db.data-dir=" + work.resolve("postgres"), "--app.files.dir=" + work.resolve("files"),
                "--app.security.data-key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=", "--app.demo.enabled=false",
                "--logging.level.root=WARN", "--spring.main.banner-mode=off");
        try {
            var tenants = context.getBean(Tenants.class);
            Tenant tenant = tenants.create(new Tenants.NewTenant("bench", "Office de tourisme", TenantKind.TOURISM_OFFICE,
                    Language.FR, "Europe/Paris", "#0b5a7a",
                    new Tenant.LegalIdentity("Office de tourisme", "Place 1", "76790", "Étretat", "FR", null, null), null));
            TenantId id = tenant.id();
            long t = System.nanoTime();
            List<EstablishmentId> directory = makeDirectory(id, count, context.getBean(Establishments.class));
            var admin = context.getBean(CatalogueAdmin.class);
            var segments = context.getBean(Segments.class);
            LocalDate today = LocalDate.now();
            SegmentId everyone = segments.save(id, null, "Tous", new Criterion.Group(Criterion.Junction.ALL, List.of()), Actor.SYSTEM);
            SegmentId hotels = segments.save(id, null, "Hôtels", is("type", "HOTEL"), Actor.SYSTEM);
            SegmentId large = segments.save(id, null, "Grande capacité",
                    new Criterion.Condition("capacity_persons", Criterion.Operator.BETWEEN, List.of("100", "")), Actor.SYSTEM);
            CampaignId previous = campaign(admin, id, 2026, today.minusYears(1), CampaignStatus.CLOSED, everyone, hotels, large);
            CampaignId current = campaign(admin, id, 2027, today.minusDays(30), CampaignStatus.OPEN, everyone, hotels, large);
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            spread(jdbc, id, previous, directory, admin, new Random(1), 0.45);
            String spread = spread(jdbc, id, current, directory, admin, new Random(2), 0.35);
            // A live database has statistics (autovacuum analyses changed tables); without them the planner guesses
            // on rows inserted a second ago, and whether autovacuum ran yet during the timed runs decides the figures.
            jdbc.sql("analyze").update();
            System.out.printf("%d establishments, two campaigns and their activity made in %d ms (%s)%n", count,
                    (System.nanoTime() - t) / 1_000_000, spread);

            String email = "admin@bench.test";
            context.getBean(Accounts.class).create(id, email, "Bench admin", Role.TENANT_ADMIN, Language.EN, PASSWORD);
            String base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
            HttpClient client = login(base, email);
            String dashboard = base + "/t/bench/office/follow-up/campaigns/" + current;
            String list = dashboard + "/prospects?stage=ORDERED";
            String baseline = base + "/t/bench/office/campaigns";
            String check = get(client, dashboard);
            if (!check.contains("id=\"stages\"") || !check.contains("id=\"revenue-range\"")) {
                throw new IllegalStateException("the dashboard did not render");
            }
            System.out.printf("dashboard page: %d bytes%n", check.length());
            for (int warm = 0; warm < Math.max(20, requests); warm++) {
                get(client, dashboard);
                get(client, baseline);
                get(client, list);
            }
            for (int run = 1; run <= runs; run++) {
                long[] d = new long[requests];
                long[] b = new long[requests];
                long[] l = new long[requests];
                // Interleaved, so that whatever else the machine does weighs on all three alike.
                for (int i = 0; i < requests; i++) {
                    d[i] = timed(client, dashboard);
                    b[i] = timed(client, baseline);
                    l[i] = timed(client, list);
                }
                // Where a dashboard's time goes: the directory loaded once, the ranges matched (twice: two seasons).
                long[] directoryNs = new long[10];
                long[] rangesNs = new long[10];
                var establishmentsBean = context.getBean(Establishments.class);
                var catalogue = context.getBean(eu.localeconomy.membership.catalogue.Catalogue.class);
                for (int i = 0; i < directoryNs.length; i++) {
                    long s0 = System.nanoTime();
                    var all = establishmentsBean.all(id);
                    long s1 = System.nanoTime();
                    catalogue.rangesFor(id, current, all);
                    rangesNs[i] = System.nanoTime() - s1;
                    directoryNs[i] = s1 - s0;
                }
                System.out.printf("RESULT prospects=%d requests=%d dashboard_p50_ms=%.1f dashboard_p95_ms=%.1f "
                                + "list_p50_ms=%.1f list_p95_ms=%.1f baseline_p50_ms=%.1f baseline_p95_ms=%.1f "
                                + "directory_p50_ms=%.1f ranges_p50_ms=%.1f%n",
                        count, requests, pct(d, 50), pct(d, 95), pct(l, 50), pct(l, 95), pct(b, 50), pct(b, 95),
                        pct(directoryNs, 50), pct(rangesNs, 50));
            }
        } finally {
            context.close();
        }
    }

    static Criterion is(String field, String value) {
        return new Criterion.Condition(field, Criterion.Operator.EQUALS, List.of(value));
    }

    static List<EstablishmentId> makeDirectory(TenantId tenant, int count, Establishments establishments) {
        Random random = new Random(42);
        EstablishmentType[] types = EstablishmentType.values();
        List<EstablishmentId> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            EstablishmentType type = i % 3 == 0 ? EstablishmentType.HOTEL : types[random.nextInt(types.length)];
            boolean hotel = type == EstablishmentType.HOTEL;
            ids.add(establishments.create(tenant, new EstablishmentDetails(null, true, "Établissement " + i, null, null,
                    null, type, hotel ? "PREFECTORAL" : null, hotel ? String.valueOf(1 + random.nextInt(5)) : null,
                    random.nextInt(300), hotel ? Integer.valueOf(5 + random.nextInt(120)) : null, null, null, null, null,
                    null, List.of(), null, String.valueOf(76000 + random.nextInt(900)), "Commune " + random.nextInt(40),
                    "FR", null, null, Map.of()), Actor.SYSTEM));
        }
        return ids;
    }

    static CampaignId campaign(CatalogueAdmin admin, TenantId tenant, int season, LocalDate opens, CampaignStatus status,
                               SegmentId everyone, SegmentId hotels, SegmentId large) {
        CampaignId campaign = admin.createCampaign(tenant, new CatalogueAdmin.CampaignForm(season, "Adhésions " + season,
                opens, opens.plusMonths(6), status, Map.of()), Actor.SYSTEM);
        RangeId main = admin.createRange(tenant, campaign, new CatalogueAdmin.RangeForm(Map.of(Language.FR, "Adhésion"),
                false, 0), Actor.SYSTEM);
        admin.assign(tenant, main, everyone, 0, Actor.SYSTEM);
        RangeId hotel = admin.createRange(tenant, campaign, new CatalogueAdmin.RangeForm(Map.of(Language.FR, "Hôtels"),
                false, 1), Actor.SYSTEM);
        admin.assign(tenant, hotel, hotels, 10, Actor.SYSTEM);
        RangeId listing = admin.createRange(tenant, campaign, new CatalogueAdmin.RangeForm(Map.of(Language.FR, "Congrès"),
                true, 2), Actor.SYSTEM);
        admin.assign(tenant, listing, large, 0, Actor.SYSTEM);
        for (RangeId range : List.of(main, hotel, listing)) {
            for (int p = 0; p < 4; p++) {
                ProductId product = admin.createProduct(tenant, range, new CatalogueAdmin.ProductForm("P" + p,
                        Map.of(Language.FR, "Produit " + p), Map.of(), p == 0 ? ProductType.MANDATORY : ProductType.OPTIONAL,
                        p == 3 ? 550 : 2000, 5000L + 2500L * p, null, null, null, null, 2, Set.of(), Set.of(), p),
                        Actor.SYSTEM);
                admin.addRule(tenant, product, new CatalogueAdmin.RuleForm(PriceRuleKind.PER_UNIT, is("type", "HOTEL"),
                        Map.of("field", "capacity_rooms", "unitCents", 200, "minCents", 0, "maxCents", 30000, "mode", "ADD"),
                        Map.of(Language.FR, "chambres")), Actor.SYSTEM);
                admin.addRule(tenant, product, new CatalogueAdmin.RuleForm(PriceRuleKind.PERCENT,
                        is("classification_value", "5"), Map.of("percent", 20), Map.of(Language.FR, "5 étoiles")), Actor.SYSTEM);
            }
        }
        return campaign;
    }

    /** The campaign's activity, written as its owners write it. Returns a summary. */
    static String spread(JdbcClient jdbc, TenantId tenant, CampaignId campaign, List<EstablishmentId> directory,
                         CatalogueAdmin admin, Random random, double orderShare) {
        UUID t = tenant.value();
        UUID c = campaign.value();
        List<CatalogueAdmin.ProductView> products = admin.products(tenant, campaign);
        UUID step = UUID.randomUUID();
        jdbc.sql("insert into membership_reminder_step (id, tenant_id, campaign_id, trigger, days, mandatory, position) values (?, ?, ?, 'INVITATION', 0, true, 0)")
                .params(step, t, c).update();
        Timestamp now = Timestamp.from(Instant.now());
        String[] methods = {"TRANSFER", "TRANSFER", "CHEQUE", "CARD", "CARD", "CASH"};
        int invited = 0, visited = 0, baskets = 0, orders = 0, declined = 0;
        for (EstablishmentId e : directory) {
            UUID id = e.value();
            if (random.nextDouble() < 0.85) {
                invited++;
                jdbc.sql("insert into membership_reminder_sent (tenant_id, step_id, establishment_id, campaign_id, language, sent_at) values (?, ?, ?, ?, 'fr', ?)")
                        .params(t, step, id, c, now).update();
            }
            boolean visit = random.nextDouble() < 0.55;
            if (visit) {
                visited++;
                jdbc.sql("insert into membership_visit (tenant_id, campaign_id, establishment_id, first_at, last_at, visits) values (?, ?, ?, ?, ?, ?)")
                        .params(t, c, id, now, now, 1 + random.nextInt(6)).update();
            }
            double roll = random.nextDouble();
            CatalogueAdmin.ProductView first = products.get(random.nextInt(4));
            CatalogueAdmin.ProductView second = products.get(4 + random.nextInt(products.size() - 4));
            if (visit && roll < orderShare) {
                orders++;
                double fate = random.nextDouble();
                String status = fate < 0.60 ? "PAID" : fate < 0.75 ? "PARTIALLY_PAID" : fate < 0.80 ? "CANCELLED"
                        : fate < 0.83 ? "REFUNDED" : "AWAITING_PAYMENT";
                String method = methods[random.nextInt(methods.length)];
                long net1 = first.form().basePriceCents() + 100L * random.nextInt(200);
                long net2 = second.form().basePriceCents();
                long net = net1 + net2;
                long vat = Math.round(net * 0.2);
                long gross = net + vat;
                UUID order = UUID.randomUUID();
                long paid = switch (status) {
                    case "PAID", "REFUNDED" -> gross;
                    case "PARTIALLY_PAID" -> gross / 2;
                    default -> 0;
                };
                long refunded = status.equals("REFUNDED") ? gross : 0;
                jdbc.sql("""
                                insert into membership_order (id, tenant_id, campaign_id, establishment_id, currency, net_cents,
                                    vat_cents, gross_cents, vat_per_rate, payment_method, status, terms_acceptance_id, form_token,
                                    language, placed_by, placed_at, paid_cents, refunded_cents)
                                values (?, ?, ?, ?, 'EUR', ?, ?, ?, '[]', ?, ?, ?, ?, 'fr', ?, ?, ?, ?)""")
                        .params(order, t, c, id, net, vat, gross, method, status, UUID.randomUUID(), UUID.randomUUID(),
                                UUID.randomUUID(), now, paid, refunded).update();
                int position = 0;
                for (var line : List.of(Map.entry(first, net1), Map.entry(second, net2))) {
                    jdbc.sql("""
                                    insert into membership_order_line (tenant_id, order_id, position, product_id, code, name, names,
                                        type, quantity, unit_price_cents, vat_rate_bp, net_cents)
                                    values (?, ?, ?, ?, ?, 'Produit', '{}', 'OPTIONAL', 1, ?, 2000, ?)""")
                            .params(t, order, ++position, line.getKey().id().value(), line.getKey().form().code(),
                                    line.getValue(), line.getValue()).update();
                }
                if (paid > 0) {
                    UUID payment = UUID.randomUUID();
                    jdbc.sql("""
                                    insert into membership_payment (id, tenant_id, order_id, kind, method, amount_cents, currency,
                                        received_on, idempotency_key, recorded_at) values (?, ?, ?, 'PAYMENT', ?, ?, 'EUR', ?, ?, ?)""")
                            .params(payment, t, order, method, paid, Date.valueOf(LocalDate.now()), payment.toString(), now).update();
                    if (refunded > 0) {
                        UUID refund = UUID.randomUUID();
                        jdbc.sql("""
                                        insert into membership_payment (id, tenant_id, order_id, kind, method, amount_cents, currency,
                                            received_on, refunds_payment_id, idempotency_key, recorded_at)
                                        values (?, ?, ?, 'REFUND', ?, ?, 'EUR', ?, ?, ?, ?)""")
                                .params(refund, t, order, method, refunded, Date.valueOf(LocalDate.now()), payment,
                                        refund.toString(), now).update();
                    }
                }
            } else if (visit && roll < orderShare + 0.12) {
                baskets++;
                UUID basket = UUID.randomUUID();
                jdbc.sql("insert into membership_basket (id, tenant_id, campaign_id, establishment_id, updated_at) values (?, ?, ?, ?, ?)")
                        .params(basket, t, c, id, now).update();
                jdbc.sql("insert into membership_basket_line (tenant_id, basket_id, product_id, quantity, added_at) values (?, ?, ?, 1, ?)")
                        .params(t, basket, first.id().value(), now).update();
            } else if (roll > 0.95) {
                declined++;
                jdbc.sql("insert into membership_decline (tenant_id, campaign_id, establishment_id, reason, declined_at) values (?, ?, ?, 'Travaux', ?)")
                        .params(t, c, id, now).update();
            }
        }
        return String.format("campaign %s: %d invited, %d visited, %d baskets, %d orders, %d declined", campaign,
                invited, visited, baskets, orders, declined);
    }

    static HttpClient login(String base, String email) throws Exception {
        var client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        var page = client.send(HttpRequest.newBuilder(URI.create(base + "/t/bench/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = CSRF_INPUT.matcher(page.body());
        if (!m.find()) {
            throw new IllegalStateException("no CSRF token on the login page");
        }
        String form = "_csrf=" + enc(m.group(1)) + "&tenant=bench&email=" + enc(email) + "&password=" + enc(PASSWORD);
        var response = client.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding());
        String location = response.headers().firstValue("Location").orElse("");
        if (response.statusCode() != 302 || location.contains("error")) {
            throw new IllegalStateException("login failed: " + response.statusCode() + " " + location);
        }
        return client;
    }

    static String get(HttpClient client, String url) throws Exception {
        var response = client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode());
        }
        return response.body();
    }

    static long timed(HttpClient client, String url) throws Exception {
        long t = System.nanoTime();
        get(client, url);
        return System.nanoTime() - t;
    }

    static double pct(long[] nanos, int percentile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1_000_000.0;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
