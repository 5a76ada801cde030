import eu.localeconomy.savings.card.CardNumber;
import eu.localeconomy.shared.SecretBox;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Enrolment identification submit under concurrent users, against a running platform on 127.0.0.1. First seeds a
 * programme with {@code households} resident households (one adult with a national register number, one issued card
 * each) straight into the embedded PostgreSQL over JDBC, hashing the numbers with the platform's data key as the
 * register import would. Then each simulated user, as a fresh browser: GET the form (CSRF token, not timed), timed
 * POST of card number + national register number. Two series: the right person (302 to the e-mail step) and an unknown
 * card (the neutral mismatch), each saturated (a user submits again as soon as the answer came) and paced (each user
 * waits {@code thinkMs} between submits, as people typing do); baseline: the liveness probe at the same concurrency,
 * measured in the same run.
 *
 * Usage: java -cp <app classes and classpath> EnrolmentLoad.java <baseUrl> <pgPort> <dataKeyFile> <concurrency>
 *        <requestsPerWorker> <households> <thinkMs>
 */
public class EnrolmentLoad {

    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    static final String TENANT = "duinhaven";

    record Holder(String card, String nrn) {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int pgPort = Integer.parseInt(args[1]);
        Path keyFile = Path.of(args[2]);
        int concurrency = Integer.parseInt(args[3]);
        int perWorker = Integer.parseInt(args[4]);
        int households = Integer.parseInt(args[5]);
        long thinkMs = Long.parseLong(args[6]);

        var secrets = new SecretBox(Base64.getDecoder().decode(Files.readString(keyFile).trim()));
        long seedStart = System.nanoTime();
        List<Holder> holders = seed(pgPort, secrets, households);
        System.out.printf("seeded %d households with cards in %.1f s%n", households, (System.nanoTime() - seedStart) / 1e9);

        WorkerFactory probe = worker -> {
            var client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            var request = HttpRequest.newBuilder(URI.create(base + "/actuator/health/liveness")).build();
            return () -> {
                long t = System.nanoTime();
                var response = client.send(request, HttpResponse.BodyHandlers.ofString());
                long elapsed = System.nanoTime() - t;
                check(response.statusCode() == 200, "liveness " + response.statusCode());
                return elapsed;
            };
        };
        WorkerFactory match = worker -> identify(base, () -> holders.get(ThreadLocalRandom.current().nextInt(holders.size())), true);
        WorkerFactory mismatch = worker -> identify(base,
                () -> new Holder(CardNumber.random().value(), holders.get(ThreadLocalRandom.current().nextInt(holders.size())).nrn()), false);

        // Warm-up (not measured): the JIT compiles the hot paths, pools fill.
        run(concurrency, Math.max(2, perWorker / 3), probe);
        run(concurrency, Math.max(2, perWorker / 3), match);
        run(concurrency, Math.max(2, perWorker / 3), mismatch);
        List<Long> probeTimes = run(concurrency, perWorker, probe);
        List<Long> matchTimes = run(concurrency, perWorker, match);
        List<Long> mismatchTimes = run(concurrency, perWorker, mismatch);
        List<Long> pacedTimes = run(concurrency, perWorker, paced(match, thinkMs));

        print("baseline: liveness probe", probeTimes);
        print("identification submit, right person", matchTimes);
        print("identification submit, unknown card", mismatchTimes);
        print("submit, right person, paced " + thinkMs + " ms", pacedTimes);
        System.out.printf("ratio submit/probe p50 %.1fx, p99 %.1fx%n",
                (double) percentile(matchTimes, 50) / percentile(probeTimes, 50),
                (double) percentile(matchTimes, 99) / percentile(probeTimes, 99));
        System.out.printf("RESULT match_p50_ms=%.1f match_p99_ms=%.1f mismatch_p50_ms=%.1f mismatch_p99_ms=%.1f paced_p50_ms=%.1f paced_p99_ms=%.1f probe_p50_ms=%.2f probe_p99_ms=%.2f%n",
                ms(percentile(matchTimes, 50)), ms(percentile(matchTimes, 99)), ms(percentile(mismatchTimes, 50)),
                ms(percentile(mismatchTimes, 99)), ms(percentile(pacedTimes, 50)), ms(percentile(pacedTimes, 99)),
                ms(percentile(probeTimes, 50)), ms(percentile(probeTimes, 99)));
    }

    /** One simulated visitor: a fresh session per attempt (cookies cleared), connections reused. */
    static Call identify(String base, java.util.function.Supplier<Holder> who, boolean expectMatch) {
        var cookies = new CookieManager();
        var client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
        return () -> {
            cookies.getCookieStore().removeAll();
            Holder holder = who.get();
            var page = client.send(HttpRequest.newBuilder(URI.create(base + "/t/" + TENANT + "/enrol")).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher m = CSRF.matcher(page.body());
            check(m.find(), "no CSRF token on the enrolment page (status " + page.statusCode() + ")");
            String form = "_csrf=" + enc(m.group(1)) + "&cardNumber=" + enc(holder.card()) + "&identifier=" + enc(holder.nrn());
            var post = HttpRequest.newBuilder(URI.create(base + "/t/" + TENANT + "/enrol"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build();
            long t = System.nanoTime();
            var response = client.send(post, HttpResponse.BodyHandlers.ofString());
            long elapsed = System.nanoTime() - t;
            if (expectMatch) {
                check(response.statusCode() == 302 && response.headers().firstValue("Location").orElse("").endsWith("/enrol/details"),
                        "no match: " + response.statusCode());
            } else {
                check(response.statusCode() == 200 && response.body().contains("role=\"alert\""), "mismatch: " + response.statusCode());
            }
            return elapsed;
        };
    }

    /** A programme opened today in the demo municipality, and its households, adults and issued cards. */
    static List<Holder> seed(int pgPort, SecretBox secrets, int households) throws Exception {
        List<Holder> holders = new ArrayList<>(households);
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort + "/platform?reWriteBatchedInserts=true", "postgres", "")) {
            c.setAutoCommit(false);
            UUID tenant;
            ZoneId zone;
            try (var s = c.prepareStatement("select id, time_zone from tenant where slug = ?")) {
                s.setString(1, TENANT);
                var rs = s.executeQuery();
                check(rs.next(), "demo tenant " + TENANT + " missing");
                tenant = rs.getObject(1, UUID.class);
                zone = ZoneId.of(rs.getString(2));
            }
            LocalDate today = LocalDate.now(zone);
            Timestamp now = Timestamp.from(Instant.now());
            UUID programme = UUID.randomUUID();
            UUID category = UUID.randomUUID();
            try (var s = c.prepareStatement("""
                    insert into savings_programme (id, tenant_id, season, name, enrolment_opens_on, enrolment_closes_on,
                        earn_from, earn_until, conversion_on, spend_from, spend_until, created_at, updated_at)
                    values (?, ?, ?, 'Bench', ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                s.setObject(1, programme);
                s.setObject(2, tenant);
                s.setString(3, "bench-" + programme.toString().substring(0, 8));
                Date[] dates = {Date.valueOf(today), Date.valueOf(today.plusDays(60)), Date.valueOf(today),
                        Date.valueOf(today.plusDays(90)), Date.valueOf(today.plusDays(100)), Date.valueOf(today.plusDays(110)),
                        Date.valueOf(today.plusDays(170))};
                for (int i = 0; i < dates.length; i++) {
                    s.setDate(4 + i, dates[i]);
                }
                s.setTimestamp(11, now);
                s.setTimestamp(12, now);
                s.executeUpdate();
            }
            try (var s = c.prepareStatement("""
                    insert into savings_category (id, tenant_id, programme_id, code, register, rate_numerator, rate_denominator, cap_cents)
                    values (?, ?, ?, 'RESIDENT', 'POPULATION', 1, 3, 15000)""")) {
                s.setObject(1, category);
                s.setObject(2, tenant);
                s.setObject(3, programme);
                s.executeUpdate();
            }
            try (var household = c.prepareStatement("""
                    insert into savings_household (id, tenant_id, programme_id, category_id, register, external_key, display_name,
                        street, house_number, postcode, municipality, reference_date, created_at, updated_at)
                    values (?, ?, ?, ?, 'POPULATION', ?, ?, 'Zeedijk', ?, '8300', 'Duinhaven', ?, ?, ?)""");
                 var member = c.prepareStatement("""
                    insert into savings_household_member (id, tenant_id, household_id, programme_id, nrn_hash, nrn_last2,
                        first_name, last_name, created_at)
                    values (?, ?, ?, ?, ?, ?, 'Bench', ?, ?)""");
                 var card = c.prepareStatement("""
                    insert into savings_card (id, tenant_id, programme_id, household_id, number, status, printed_count, created_at)
                    values (?, ?, ?, ?, ?, 'ISSUED', 1, ?)""")) {
                java.util.Set<String> numbers = new java.util.HashSet<>();
                for (int i = 0; i < households; i++) {
                    UUID h = UUID.randomUUID();
                    String nrn = nrn(i);
                    String number;
                    do {
                        number = CardNumber.random().value();
                    } while (!numbers.add(number));
                    household.setObject(1, h);
                    household.setObject(2, tenant);
                    household.setObject(3, programme);
                    household.setObject(4, category);
                    household.setString(5, "BENCH-" + h);
                    household.setString(6, "Bench " + i);
                    household.setString(7, String.valueOf(i));
                    household.setDate(8, Date.valueOf(today.minusDays(30)));
                    household.setTimestamp(9, now);
                    household.setTimestamp(10, now);
                    household.addBatch();
                    member.setObject(1, UUID.randomUUID());
                    member.setObject(2, tenant);
                    member.setObject(3, h);
                    member.setObject(4, programme);
                    member.setString(5, secrets.keyedHash("nrn:" + nrn));
                    member.setString(6, nrn.substring(9));
                    member.setString(7, "Household " + i);
                    member.setTimestamp(8, now);
                    member.addBatch();
                    card.setObject(1, UUID.randomUUID());
                    card.setObject(2, tenant);
                    card.setObject(3, programme);
                    card.setObject(4, h);
                    card.setString(5, number);
                    card.setTimestamp(6, now);
                    card.addBatch();
                    holders.add(new Holder(number, nrn));
                    if (i % 1000 == 999 || i == households - 1) {
                        household.executeBatch();
                        member.executeBatch();
                        card.executeBatch();
                    }
                }
            }
            c.commit();
        }
        return holders;
    }

    /** Distinct valid national register numbers of people born 1940-1994. */
    static String nrn(int i) {
        LocalDate birth = LocalDate.of(1940, 1, 1).plusDays(i % 20_000);
        String body = String.format("%02d%02d%02d%03d", birth.getYear() % 100, birth.getMonthValue(), birth.getDayOfMonth(),
                i / 20_000 + 1);
        return body + String.format("%02d", 97 - Long.parseLong(body) % 97);
    }

    /** The same calls with a pause before each, started at a random offset so users do not march in step. */
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
        System.out.printf("%-40s n=%d p50 %.1f ms  p90 %.1f ms  p99 %.1f ms  max %.1f ms%n", label, samples.size(),
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
