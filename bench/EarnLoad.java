import eu.localeconomy.savings.card.CardNumber;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Earn API under load, against a running platform on 127.0.0.1. Seeds the demo municipality over JDBC: a programme
 * whose earn window contains today (one category, 1/3, cap €150), {@code cards} ACTIVE cards of as many households,
 * {@code merchants} APPROVED merchants each with one device whose credential this program made (stored as its SHA-256
 * hex, as MerchantDevices does), and the lookup tables bench.card / bench.merchant the pgbench script picks from.
 * Then {@code concurrency} clients, each its own HTTP connection, POST /api/v1/savings/earnings with a fresh
 * Idempotency-Key, a random card and a random merchant's device, back to back for {@code seconds} (after a warm-up
 * of a third of that, not measured). Prints throughput and latency percentiles; every answer must be 201.
 * A second, paced series has each client wait {@code thinkMs} between its earns (tills scan customers, they do not
 * fire back to back): with saturating clients latency is only concurrency / throughput (Little's law), the paced
 * series shows the service time at a load the platform carries.
 *
 * Usage: java -cp <app classes and classpath> EarnLoad.java <baseUrl> <pgPort> <concurrency> <seconds> <cards>
 *        <merchants> [thinkMs]
 */
public class EarnLoad {

    static final String TENANT = "duinhaven";

    record Card(String number) {
    }

    record Device(String credential) {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int pgPort = Integer.parseInt(args[1]);
        int concurrency = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        int cards = Integer.parseInt(args[4]);
        int merchants = Integer.parseInt(args[5]);
        long thinkMs = args.length > 6 ? Long.parseLong(args[6]) : 250;

        long seedStart = System.nanoTime();
        List<Card> cardList = new ArrayList<>(cards);
        List<Device> devices = new ArrayList<>(merchants);
        seed(pgPort, cards, merchants, cardList, devices);
        System.out.printf("seeded %d cards and %d merchants with a device in %.1f s%n", cards, merchants,
                (System.nanoTime() - seedStart) / 1e9);

        run(base, concurrency, Math.max(3, seconds / 3), cardList, devices, 0);
        Result result = run(base, concurrency, seconds, cardList, devices, 0);
        Result paced = run(base, concurrency, seconds, cardList, devices, thinkMs);
        double throughput = result.latencies.size() / result.seconds;
        System.out.printf("earn API: n=%d in %.1f s, %.0f req/s, p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms, errors %d%n",
                result.latencies.size(), result.seconds, throughput, ms(percentile(result.latencies, 50)),
                ms(percentile(result.latencies, 90)), ms(percentile(result.latencies, 99)),
                ms(percentile(result.latencies, 100)), result.errors.get());
        result.statuses.forEach((status, n) -> System.out.printf("  status %d: %d%n", status, n.get()));
        System.out.printf("earn API paced (%d ms between a client's earns): n=%d, %.0f req/s, p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms, errors %d%n",
                thinkMs, paced.latencies.size(), paced.latencies.size() / paced.seconds, ms(percentile(paced.latencies, 50)),
                ms(percentile(paced.latencies, 90)), ms(percentile(paced.latencies, 99)),
                ms(percentile(paced.latencies, 100)), paced.errors.get());
        System.out.printf("RESULT app_rps=%.1f p50_ms=%.2f p99_ms=%.2f errors=%d paced_rps=%.1f paced_p50_ms=%.2f paced_p99_ms=%.2f%n",
                throughput, ms(percentile(result.latencies, 50)), ms(percentile(result.latencies, 99)),
                result.errors.get() + paced.errors.get(), paced.latencies.size() / paced.seconds,
                ms(percentile(paced.latencies, 50)), ms(percentile(paced.latencies, 99)));
    }

    record Result(List<Long> latencies, double seconds, AtomicLong errors, ConcurrentHashMap<Integer, AtomicLong> statuses) {
    }

    static Result run(String base, int concurrency, int seconds, List<Card> cards, List<Device> devices, long thinkMs)
            throws Exception {
        List<Long> all = Collections.synchronizedList(new ArrayList<>());
        AtomicLong errors = new AtomicLong();
        var statuses = new ConcurrentHashMap<Integer, AtomicLong>();
        String[] firstError = {null};
        long start = System.nanoTime();
        long deadline = start + seconds * 1_000_000_000L;
        try (ExecutorService pool = Executors.newFixedThreadPool(concurrency)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < concurrency; w++) {
                futures.add(pool.submit(() -> {
                    // One client per simulated register: its own keep-alive connection, like a real till.
                    var client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                            .connectTimeout(Duration.ofSeconds(5)).build();
                    List<Long> mine = new ArrayList<>();
                    if (thinkMs > 0) {
                        // Start at a random offset, so that the clients do not march in step.
                        Thread.sleep(ThreadLocalRandom.current().nextLong(thinkMs + 1));
                    }
                    while (System.nanoTime() < deadline) {
                        var random = ThreadLocalRandom.current();
                        Card card = cards.get(random.nextInt(cards.size()));
                        Device device = devices.get(random.nextInt(devices.size()));
                        long cents = random.nextLong(100, 5001);
                        String body = "{\"card\":\"" + card.number() + "\",\"purchase\":\"" + cents / 100 + "."
                                + String.format("%02d", cents % 100) + "\"}";
                        var request = HttpRequest.newBuilder(URI.create(base + "/api/v1/savings/earnings"))
                                .header("Authorization", "Bearer " + device.credential())
                                .header("Idempotency-Key", UUID.randomUUID().toString())
                                .header("Content-Type", "application/json")
                                .header("Accept", "application/json")
                                .timeout(Duration.ofSeconds(30))
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                        long t = System.nanoTime();
                        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                        long elapsed = System.nanoTime() - t;
                        statuses.computeIfAbsent(response.statusCode(), s -> new AtomicLong()).incrementAndGet();
                        if (response.statusCode() == 201) {
                            mine.add(elapsed);
                        } else if (errors.incrementAndGet() == 1) {
                            synchronized (firstError) {
                                firstError[0] = response.statusCode() + " " + response.body();
                            }
                        }
                        if (thinkMs > 0) {
                            Thread.sleep(thinkMs);
                        }
                    }
                    all.addAll(mine);
                    return null;
                }));
            }
            for (var f : futures) {
                f.get();
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        if (firstError[0] != null) {
            System.out.println("first refused earn: " + firstError[0]);
        }
        if (all.isEmpty()) {
            throw new IllegalStateException("no earn succeeded");
        }
        return new Result(all, elapsed, errors, statuses);
    }

    /** A programme with its earn window open today in the demo municipality, its cards, and merchants with devices. */
    static void seed(int pgPort, int cardCount, int merchantCount, List<Card> cards, List<Device> devices) throws Exception {
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
            try (var s = c.createStatement();
                 var rs = s.executeQuery("select to_regclass('bench.card') is not null")) {
                rs.next();
                if (rs.getBoolean(1)) {
                    // Seeded by an earlier run on this database (profiling): use the same cards and devices.
                    try (var q = c.createStatement();
                         var r = q.executeQuery("select c.number from bench.card b join savings_card c on c.id = b.card_id order by b.n")) {
                        while (r.next()) {
                            cards.add(new Card(r.getString(1)));
                        }
                    }
                    try (var q = c.createStatement();
                         var r = q.executeQuery("select credential from bench.merchant order by n")) {
                        while (r.next()) {
                            devices.add(new Device(r.getString(1)));
                        }
                    }
                    return;
                }
            }
            LocalDate today = LocalDate.now(zone);
            Timestamp now = Timestamp.from(Instant.now());
            UUID programme = UUID.randomUUID();
            UUID category = UUID.randomUUID();
            try (var s = c.prepareStatement("""
                    insert into savings_programme (id, tenant_id, season, name, enrolment_opens_on, enrolment_closes_on,
                        earn_from, earn_until, conversion_on, spend_from, spend_until, created_at, updated_at)
                    values (?, ?, ?, 'Earn bench', ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                s.setObject(1, programme);
                s.setObject(2, tenant);
                s.setString(3, "bench-" + programme.toString().substring(0, 8));
                Date[] dates = {Date.valueOf(today.minusDays(20)), Date.valueOf(today.plusDays(10)),
                        Date.valueOf(today.minusDays(10)), Date.valueOf(today.plusDays(60)),
                        Date.valueOf(today.plusDays(70)), Date.valueOf(today.plusDays(80)), Date.valueOf(today.plusDays(140))};
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
            try (var s = c.createStatement()) {
                s.execute("create schema if not exists bench");
                s.execute("create table bench.card (n int primary key, card_id uuid not null, programme_id uuid not null, tenant_id uuid not null)");
                s.execute("create table bench.merchant (n int primary key, merchant_id uuid not null, device_id uuid not null, credential text not null)");
            }
            try (var household = c.prepareStatement("""
                    insert into savings_household (id, tenant_id, programme_id, category_id, register, external_key, display_name,
                        street, house_number, postcode, municipality, reference_date, created_at, updated_at)
                    values (?, ?, ?, ?, 'POPULATION', ?, ?, 'Zeedijk', ?, '8300', 'Duinhaven', ?, ?, ?)""");
                 var card = c.prepareStatement("""
                    insert into savings_card (id, tenant_id, programme_id, household_id, number, status, printed_count,
                        activated_at, created_at)
                    values (?, ?, ?, ?, ?, 'ACTIVE', 1, ?, ?)""");
                 var balance = c.prepareStatement("""
                    insert into savings_card_balance (card_id, tenant_id, programme_id, cap_cents, currency, updated_at)
                    values (?, ?, ?, 15000, 'EUR', ?)""");
                 var lookup = c.prepareStatement("insert into bench.card (n, card_id, programme_id, tenant_id) values (?, ?, ?, ?)")) {
                Set<String> numbers = new HashSet<>();
                for (int i = 0; i < cardCount; i++) {
                    UUID h = UUID.randomUUID();
                    UUID id = UUID.randomUUID();
                    String number;
                    do {
                        number = CardNumber.random().value();
                    } while (!numbers.add(number));
                    household.setObject(1, h);
                    household.setObject(2, tenant);
                    household.setObject(3, programme);
                    household.setObject(4, category);
                    household.setString(5, "EARN-BENCH-" + h);
                    household.setString(6, "Bench " + i);
                    household.setString(7, String.valueOf(i));
                    household.setDate(8, Date.valueOf(today.minusDays(60)));
                    household.setTimestamp(9, now);
                    household.setTimestamp(10, now);
                    household.addBatch();
                    card.setObject(1, id);
                    card.setObject(2, tenant);
                    card.setObject(3, programme);
                    card.setObject(4, h);
                    card.setString(5, number);
                    card.setTimestamp(6, now);
                    card.setTimestamp(7, now);
                    card.addBatch();
                    balance.setObject(1, id);
                    balance.setObject(2, tenant);
                    balance.setObject(3, programme);
                    balance.setTimestamp(4, now);
                    balance.addBatch();
                    lookup.setInt(1, i + 1);
                    lookup.setObject(2, id);
                    lookup.setObject(3, programme);
                    lookup.setObject(4, tenant);
                    lookup.addBatch();
                    cards.add(new Card(number));
                    if (i % 1000 == 999 || i == cardCount - 1) {
                        household.executeBatch();
                        card.executeBatch();
                        balance.executeBatch();
                        lookup.executeBatch();
                    }
                }
            }
            var random = new SecureRandom();
            try (var merchant = c.prepareStatement("""
                    insert into savings_merchant (id, tenant_id, business_name, enterprise_number, category, iban, street,
                        house_number, postcode, municipality, contact_name, contact_email, status, applied_at, approved_at,
                        created_at, updated_at)
                    values (?, ?, ?, '0403170701', 'SHOP', 'BE68539007547034', 'Zeedijk', ?, '8300', 'Duinhaven',
                        'Bench', 'bench@example.test', 'APPROVED', ?, ?, ?, ?)""");
                 var device = c.prepareStatement("""
                    insert into savings_merchant_device (id, tenant_id, merchant_id, name, credential_prefix, credential_hash, created_at)
                    values (?, ?, ?, 'Bench till', ?, ?, ?)""");
                 var lookup = c.prepareStatement("insert into bench.merchant (n, merchant_id, device_id, credential) values (?, ?, ?, ?)")) {
                for (int i = 0; i < merchantCount; i++) {
                    UUID m = UUID.randomUUID();
                    UUID d = UUID.randomUUID();
                    // lmd_<10 lower-case alphanumerics>_<secret>, as MerchantDevices issues them; only the hash is kept.
                    String prefix = alphanumerics(random, 10);
                    String credential = "lmd_" + prefix + "_" + alphanumerics(random, 43);
                    merchant.setObject(1, m);
                    merchant.setObject(2, tenant);
                    merchant.setString(3, "Bench shop " + i);
                    merchant.setString(4, String.valueOf(i));
                    for (int k = 5; k <= 8; k++) {
                        merchant.setTimestamp(k, now);
                    }
                    merchant.addBatch();
                    device.setObject(1, d);
                    device.setObject(2, tenant);
                    device.setObject(3, m);
                    device.setString(4, prefix);
                    device.setString(5, sha256(credential));
                    device.setTimestamp(6, now);
                    device.addBatch();
                    lookup.setInt(1, i + 1);
                    lookup.setObject(2, m);
                    lookup.setObject(3, d);
                    lookup.setString(4, credential);
                    lookup.addBatch();
                    devices.add(new Device(credential));
                }
                merchant.executeBatch();
                device.executeBatch();
                lookup.executeBatch();
            }
            c.commit();
            try (var s = c.createStatement()) {
                c.setAutoCommit(true);
                s.execute("vacuum analyze");
            }
        }
    }

    static String alphanumerics(SecureRandom random, int length) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        var sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    static String sha256(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
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

    static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }
}
