import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Basket updates under concurrent professionals, against a running platform on 127.0.0.1 with the demo data. Seeds
 * over JDBC {@code concurrency} copies of the demo hotel (so each professional has a basket of their own, offered the
 * hotels' range) and as many professional accounts (copies of the demo professional, same password), each linked to
 * one copy. Each simulated professional logs in, opens the campaign page (its basket is created with the mandatory
 * membership), adds a brochure page (not timed), then sends timed htmx basket updates: the page's quantity 1 ↔ 2 and
 * the donation amount in turn, each answered with the basket fragment. Two series: back to back, and paced
 * ({@code thinkMs} between a professional's updates), after one professional alone (the service time of an update);
 * baseline: the readiness probe at the same concurrency, same run.
 *
 * Usage: java -cp <app classes and classpath> BasketLoad.java <baseUrl> <pgPort> <concurrency> <updatesPerWorker> <thinkMs>
 */
public class BasketLoad {

    static final Pattern CSRF_INPUT = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    static final Pattern CSRF_META = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");
    static final Pattern CSRF_HEADER = Pattern.compile("<meta name=\"_csrf_header\" content=\"([^\"]+)\"");
    static final String TENANT = "baie-des-falaises";
    static final String DEMO_PRO = "pro@hotel-des-falaises.test";
    static final String DEMO_HOTEL = "Hôtel des Falaises";
    static final String PASSWORD = "Demo-Password-2026";

    record Seeded(UUID campaign, UUID page, UUID donation, List<String> emails, List<UUID> hotels) {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int pgPort = Integer.parseInt(args[1]);
        int concurrency = Integer.parseInt(args[2]);
        int perWorker = Integer.parseInt(args[3]);
        long thinkMs = Long.parseLong(args[4]);

        Seeded seeded = seed(pgPort, concurrency);
        System.out.printf("seeded %d hotels and professionals%n", concurrency);

        WorkerFactory probe = worker -> {
            var client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            var request = HttpRequest.newBuilder(URI.create(base + "/actuator/health/readiness")).build();
            return () -> {
                long t = System.nanoTime();
                var response = client.send(request, HttpResponse.BodyHandlers.ofString());
                long elapsed = System.nanoTime() - t;
                check(response.statusCode() == 200, "readiness " + response.statusCode());
                return elapsed;
            };
        };
        // One logged-in professional per worker, kept across the series (as people keep their session).
        List<Call> updaters = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            updaters.add(professional(base, seeded, w));
        }
        WorkerFactory update = updaters::get;

        // Warm-up (not measured): the JIT compiles the hot paths, pools fill.
        run(concurrency, Math.max(2, perWorker / 3), probe);
        run(concurrency, Math.max(2, perWorker / 3), update);
        // One professional alone first: the service time of an update without waiting for the others.
        List<Long> aloneTimes = run(1, perWorker * 5, update);
        List<Long> probeTimes = run(concurrency, perWorker, probe);
        List<Long> updateTimes = run(concurrency, perWorker, update);
        List<Long> pacedTimes = run(concurrency, perWorker, paced(update, thinkMs));

        print("basket update, one professional alone", aloneTimes);
        print("baseline: readiness probe", probeTimes);
        print("basket update, back to back", updateTimes);
        print("basket update, paced " + thinkMs + " ms", pacedTimes);
        System.out.printf("ratio update/probe p50 %.1fx, p99 %.1fx%n",
                (double) percentile(updateTimes, 50) / percentile(probeTimes, 50),
                (double) percentile(updateTimes, 99) / percentile(probeTimes, 99));
        System.out.printf("RESULT alone_p50_ms=%.1f alone_p99_ms=%.1f update_p50_ms=%.1f update_p99_ms=%.1f paced_p50_ms=%.1f paced_p99_ms=%.1f probe_p50_ms=%.2f probe_p99_ms=%.2f%n",
                ms(percentile(aloneTimes, 50)), ms(percentile(aloneTimes, 99)),
                ms(percentile(updateTimes, 50)), ms(percentile(updateTimes, 99)), ms(percentile(pacedTimes, 50)),
                ms(percentile(pacedTimes, 99)), ms(percentile(probeTimes, 50)), ms(percentile(probeTimes, 99)));
    }

    /** Logs in, opens the campaign page, adds a brochure page; then each call is one timed htmx update. */
    static Call professional(String base, Seeded seeded, int worker) throws Exception {
        var cookies = new CookieManager();
        var client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
        var login = client.send(HttpRequest.newBuilder(URI.create(base + "/t/" + TENANT + "/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = CSRF_INPUT.matcher(login.body());
        check(m.find(), "no CSRF token on the login page");
        var loggedIn = client.send(form(base + "/login", "_csrf=" + enc(m.group(1)) + "&tenant=" + TENANT + "&email="
                + enc(seeded.emails().get(worker)) + "&password=" + enc(PASSWORD), null, null), HttpResponse.BodyHandlers.discarding());
        String location = loggedIn.headers().firstValue("Location").orElse("");
        check(loggedIn.statusCode() == 302 && !location.contains("error"), "login failed: " + location);

        String campaign = base + "/t/" + TENANT + "/pro/establishments/" + seeded.hotels().get(worker) + "/campaigns/" + seeded.campaign();
        var page = client.send(HttpRequest.newBuilder(URI.create(campaign)).build(), HttpResponse.BodyHandlers.ofString());
        check(page.statusCode() == 200, "campaign page " + page.statusCode());
        Matcher token = CSRF_META.matcher(page.body());
        Matcher header = CSRF_HEADER.matcher(page.body());
        check(token.find() && header.find(), "no CSRF meta on the campaign page");
        String csrf = token.group(1);
        String csrfHeader = header.group(1);
        boolean donation = seeded.donation() != null && page.body().contains("donation-" + seeded.donation());
        var added = client.send(form(campaign + "/basket/add", "product=" + seeded.page(), csrfHeader, csrf),
                HttpResponse.BodyHandlers.ofString());
        check(added.statusCode() == 200 && !added.body().contains("role=\"alert\""), "adding the page: " + added.statusCode());
        int[] n = {0};
        return () -> {
            int i = n[0]++;
            String body = donation && i % 2 == 1
                    ? "product=" + seeded.donation() + "&amount=" + (10 + i % 7) + ",50"
                    : "product=" + seeded.page() + "&quantity=" + (1 + i / 2 % 2);
            String path = donation && i % 2 == 1 ? "/basket/donation" : "/basket/quantity";
            var request = form(campaign + path, body, csrfHeader, csrf);
            long t = System.nanoTime();
            var response = client.send(request, HttpResponse.BodyHandlers.ofString());
            long elapsed = System.nanoTime() - t;
            check(response.statusCode() == 200 && response.body().contains("basket-totals")
                    && !response.body().contains("role=\"alert\""), "update refused: " + response.statusCode());
            return elapsed;
        };
    }

    static HttpRequest form(String url, String body, String csrfHeader, String csrf) {
        var builder = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (csrfHeader != null) {
            builder.header(csrfHeader, csrf).header("HX-Request", "true");
        }
        return builder.build();
    }

    /**
     * Copies of the demo hotel and of the demo professional's account (same password hash), linked one to one; the
     * ids of the open campaign, the hotels' brochure page and the donation offered with it.
     */
    static Seeded seed(int pgPort, int count) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort + "/platform", "postgres", "")) {
            c.setAutoCommit(false);
            UUID tenant = single(c, "select id from tenant where slug = '" + TENANT + "'");
            UUID hotel = single(c, "select id from directory_establishment where tenant_id = '" + tenant + "' and name = '" + DEMO_HOTEL + "'");
            UUID pro = single(c, "select id from user_account where tenant_id = '" + tenant + "' and lower(email) = '" + DEMO_PRO + "'");
            UUID campaign = single(c, "select id from membership_campaign where tenant_id = '" + tenant + "' and status = 'OPEN' order by season desc limit 1");
            UUID page = single(c, """
                    select p.id from membership_product p join membership_range r on r.tenant_id = p.tenant_id and r.id = p.range_id
                    where p.tenant_id = '%s' and r.campaign_id = '%s' and p.code = 'PAGE-HOT'""".formatted(tenant, campaign));
            UUID donation;
            try (var s = c.createStatement(); var rs = s.executeQuery("""
                    select p.id from membership_product p join membership_range r on r.tenant_id = p.tenant_id and r.id = p.range_id
                    where p.tenant_id = '%s' and r.campaign_id = '%s' and p.type = 'DONATION'
                    order by (p.range_id = (select range_id from membership_product where id = '%s')) desc limit 1"""
                    .formatted(tenant, campaign, page))) {
                donation = rs.next() ? rs.getObject(1, UUID.class) : null;
            }
            // Unlimited pages for the bench: fifty professionals each keep one or two in their basket.
            try (var s = c.createStatement()) {
                s.executeUpdate("update membership_product set stock_limit = null where id = '" + page + "'");
                s.executeUpdate("create temp table bench_hotel as select * from directory_establishment where id = '" + hotel + "'");
                s.executeUpdate("create temp table bench_account as select * from user_account where id = '" + pro + "'");
            }
            List<String> emails = new ArrayList<>();
            List<UUID> hotels = new ArrayList<>();
            String run = UUID.randomUUID().toString().substring(0, 8);
            for (int i = 0; i < count; i++) {
                UUID h = UUID.randomUUID();
                UUID a = UUID.randomUUID();
                String email = "bench-" + run + "-" + i + "@hotel.test";
                try (var s = c.createStatement()) {
                    s.executeUpdate("update bench_hotel set id = '" + h + "', name = 'Hôtel banc " + run + " " + i + "', email = null");
                    s.executeUpdate("insert into directory_establishment select * from bench_hotel");
                    s.executeUpdate("update bench_account set id = '" + a + "', email = '" + email + "'");
                    s.executeUpdate("insert into user_account select * from bench_account");
                    s.executeUpdate("""
                            insert into membership_professional (tenant_id, account_id, establishment_id, linked_at)
                            values ('%s', '%s', '%s', now())""".formatted(tenant, a, h));
                }
                emails.add(email);
                hotels.add(h);
            }
            c.commit();
            return new Seeded(campaign, page, donation, emails, hotels);
        }
    }

    static UUID single(Connection c, String sql) throws Exception {
        try (var s = c.createStatement(); var rs = s.executeQuery(sql)) {
            check(rs.next(), "nothing for: " + sql);
            return rs.getObject(1, UUID.class);
        }
    }

    /** The same calls with a pause before each, started at a random offset so professionals do not march in step. */
    static WorkerFactory paced(WorkerFactory factory, long thinkMs) {
        return worker -> {
            Call call = factory.create(worker);
            var random = new java.util.Random(worker);
            boolean[] first = {true};
            return () -> {
                Thread.sleep(first[0] ? random.nextLong(thinkMs + 1) : thinkMs);
                first[0] = false;
                return call.call();
            };
        };
    }

    interface Call {
        long call() throws Exception;
    }

    interface WorkerFactory {
        Call create(int worker) throws Exception;
    }

    static List<Long> run(int concurrency, int perWorker, WorkerFactory factory) throws Exception {
        List<Long> all = Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService pool = Executors.newFixedThreadPool(concurrency)) {
            List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < concurrency; w++) {
                Call call = factory.create(w);
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < perWorker; i++) {
                        all.add(call.call());
                    }
                    return null;
                }));
            }
            for (var f : futures) {
                f.get();
            }
        }
        return all;
    }

    static void print(String label, List<Long> samples) {
        System.out.printf("%-36s n=%d p50 %.1f ms  p90 %.1f ms  p99 %.1f ms  max %.1f ms%n", label, samples.size(),
                ms(percentile(samples, 50)), ms(percentile(samples, 90)), ms(percentile(samples, 99)),
                ms(percentile(samples, 100)));
    }

    static long percentile(List<Long> samples, int p) {
        List<Long> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }
}
