import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Login latency under concurrent users, against a running platform on 127.0.0.1, with two baselines measured in the
 * same run: a request that does no work (liveness probe) at the same concurrency, and one argon2id hash with the
 * platform's cost settings. Bounded: a fixed number of requests per worker.
 *
 * Two load shapes: paced (each simulated user waits {@code thinkMs} between logins, like people who log in and then
 * work) and saturated (every user logs in again as soon as the previous login returned).
 *
 * Usage: java -cp <app classpath> LoginLoad.java <baseUrl> <concurrency> <requestsPerWorker> <argon2MemoryKib> <argon2Iterations> <thinkMs>
 */
public class LoginLoad {

    record Login(String tenant, String email) {
    }

    static final List<Login> USERS = List.of(
            new Login("duinhaven", "beheer@duinhaven.test"), new Login("duinhaven", "financien@duinhaven.test"),
            new Login("duinhaven", "helpdesk@duinhaven.test"), new Login("duinhaven", "lezer@duinhaven.test"),
            new Login("duinhaven", "eigenaar@bakkerij-zeewind.test"), new Login("duinhaven", "kassa@bakkerij-zeewind.test"),
            new Login("duinhaven", "burger@duinhaven.test"), new Login("baie-des-falaises", "admin@baie-des-falaises.test"),
            new Login("baie-des-falaises", "compta@baie-des-falaises.test"), new Login("baie-des-falaises", "accueil@baie-des-falaises.test"),
            new Login("baie-des-falaises", "lecture@baie-des-falaises.test"), new Login("baie-des-falaises", "pro@hotel-des-falaises.test"));
    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int concurrency = Integer.parseInt(args[1]);
        int perWorker = Integer.parseInt(args[2]);
        int memory = Integer.parseInt(args[3]);
        int iterations = Integer.parseInt(args[4]);
        long thinkMs = Long.parseLong(args[5]);

        var encoder = new Argon2PasswordEncoder(16, 32, 1, memory, iterations);
        String hash = encoder.encode("Demo-Password-2026");
        List<Long> hashTimes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            encoder.matches("Demo-Password-2026", hash); // JIT warm-up
        }
        for (int i = 0; i < 30; i++) {
            long t = System.nanoTime();
            encoder.matches("Demo-Password-2026", hash);
            hashTimes.add(System.nanoTime() - t);
        }

        WorkerFactory probeFactory = worker -> {
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

        AtomicInteger next = new AtomicInteger();
        WorkerFactory loginFactory = worker -> {
            // One browser per user: connections are reused, cookies are cleared so that each login starts afresh.
            var cookies = new CookieManager();
            var client = HttpClient.newBuilder().cookieHandler(cookies)
                    .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
            return () -> {
                cookies.getCookieStore().removeAll();
                Login user = USERS.get(next.getAndIncrement() % USERS.size());
                var page = client.send(HttpRequest.newBuilder(URI.create(base + "/t/" + user.tenant() + "/login")).build(),
                        HttpResponse.BodyHandlers.ofString());
                Matcher m = CSRF.matcher(page.body());
                check(m.find(), "no CSRF token on the login page");
                String form = "_csrf=" + enc(m.group(1)) + "&tenant=" + enc(user.tenant()) + "&email=" + enc(user.email())
                        + "&password=" + enc("Demo-Password-2026");
                var post = HttpRequest.newBuilder(URI.create(base + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build();
                long t = System.nanoTime();
                var response = client.send(post, HttpResponse.BodyHandlers.discarding());
                long elapsed = System.nanoTime() - t;
                String location = response.headers().firstValue("Location").orElse("");
                check(response.statusCode() == 302 && !location.contains("error") && !location.contains("throttled"),
                        "login failed: " + response.statusCode() + " " + location);
                return elapsed;
            };
        };

        // Warm-up (not measured): the JIT compiles the hot paths, pools fill.
        run(concurrency, Math.max(2, perWorker / 3), probeFactory);
        run(concurrency, Math.max(2, perWorker / 3), loginFactory);
        List<Long> probe = run(concurrency, perWorker, probeFactory);
        List<Long> paced = run(concurrency, perWorker, paced(loginFactory, thinkMs));
        List<Long> logins = run(concurrency, perWorker, loginFactory);

        System.out.printf("argon2id m=%dKiB t=%d p=1 verify   median %.1f ms%n", memory, iterations, ms(percentile(hashTimes, 50)));
        print("baseline: liveness probe", probe);
        print("login, paced (" + thinkMs + " ms between a user's logins)", paced);
        print("login, saturated (back to back)", logins);
        System.out.printf("ratio login/probe p50 %.1fx, p99 %.1fx; login p50 / one argon2 verify %.2fx%n",
                (double) percentile(logins, 50) / percentile(probe, 50), (double) percentile(logins, 99) / percentile(probe, 99),
                (double) percentile(logins, 50) / percentile(hashTimes, 50));
        System.out.printf("RESULT paced_p50_ms=%.1f paced_p99_ms=%.1f login_p50_ms=%.1f login_p99_ms=%.1f probe_p50_ms=%.2f probe_p99_ms=%.2f argon2_ms=%.1f%n",
                ms(percentile(paced, 50)), ms(percentile(paced, 99)),
                ms(percentile(logins, 50)), ms(percentile(logins, 99)), ms(percentile(probe, 50)), ms(percentile(probe, 99)),
                ms(percentile(hashTimes, 50)));
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
        System.out.printf("%-52s n=%d p50 %.1f ms  p90 %.1f ms  p99 %.1f ms  max %.1f ms%n", label, samples.size(),
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
