package eu.localeconomy.savings.ledger;

import com.zaxxer.hikari.HikariDataSource;
import eu.localeconomy.LocalEconomyApplication;
import eu.localeconomy.savings.merchant.MerchantDevices;
import eu.localeconomy.savings.programme.Programme;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.support.IntegrationTest;
import eu.localeconomy.support.MerchantFixtures;
import eu.localeconomy.support.SavingsFixtures;
import eu.localeconomy.support.TestTenants;
import eu.localeconomy.tenant.Tenant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;
import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exactly once across a crash: the application runs as a child process on this test's embedded PostgreSQL, 16
 * registers post earnings through the API, the process is killed (SIGKILL) in the middle of the load, a new one is
 * started, and every request that got no answer is sent again with its same Idempotency-Key. Then every acknowledged
 * transaction is in the ledger once with the acknowledged amount, there is one EARN per key ever accepted, and the
 * reconciliation finds nothing wrong.
 */
@IntegrationTest
class LedgerCrashIT {

    static final int CLIENTS = 16;
    static final int CARDS = 64;
    /** Acknowledged earnings before the kill: enough to have requests in flight at every stage of a transaction. */
    static final int ACKNOWLEDGED_BEFORE_KILL = 300;
    static final Duration READY_WITHIN = Duration.ofSeconds(150);

    @Autowired TestTenants tenants;
    @Autowired SavingsFixtures savings;
    @Autowired MerchantFixtures merchantFixtures;
    @Autowired MerchantDevices devices;
    @Autowired LedgerReconciliation reconciliation;
    @Autowired JdbcClient jdbc;
    @Autowired DataSource dataSource;
    @Value("${app.security.data-key}") String dataKey;

    final JsonMapper json = JsonMapper.builder().build();
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    final List<Process> children = new ArrayList<>();

    /** A request as sent: its key and body, so that it can be sent again identically. */
    record Sent(String key, String body) {
    }

    /** What a 201 said. */
    record Ack(UUID transactionId, long amountCents) {
    }

    @AfterEach
    void killChildren() throws InterruptedException {
        for (Process p : children) {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void everyAcknowledgedEarnSurvivesAKillAndRetriesPostNothingTwice() throws Exception {
        Tenant tenant = tenants.tenant(TenantKind.MUNICIPALITY);
        Programme programme = savings.openProgramme(tenant);
        List<String> cards = new ArrayList<>();
        for (int i = 0; i < CARDS; i++) {
            var card = savings.residentHousehold(tenant, programme, "Zeedijk", String.valueOf(i + 1), "8300",
                    List.of(new SavingsFixtures.Adult("Crash", "Test " + i, nrn(i), java.time.LocalDate.of(1950, 1, 1).plusDays(i))));
            jdbc.sql("update savings_card set status = 'ACTIVE', activated_at = now() where id = ?").param(card.cardId()).update();
            cards.add(card.number().value());
        }
        UUID merchant = merchantFixtures.approvedMerchant(tenant.id(), "Crash test shop");
        String credential = devices.register(tenant.id(), merchant, "Till", null).credential();

        int port = freePort();
        Process first = start(port, 1);
        awaitReady(first, port);

        Map<String, Ack> acknowledged = new ConcurrentHashMap<>();
        Map<String, Sent> unanswered = new ConcurrentHashMap<>();
        List<String> unexpected = new java.util.concurrent.CopyOnWriteArrayList<>();
        AtomicBoolean killed = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch enough = new CountDownLatch(ACKNOWLEDGED_BEFORE_KILL);
        try (ExecutorService pool = Executors.newFixedThreadPool(CLIENTS)) {
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                clients.add(pool.submit(() -> {
                    while (!stop.get()) {
                        var random = ThreadLocalRandom.current();
                        // Small purchases on many cards: no card comes near its cap.
                        Sent sent = new Sent(UUID.randomUUID().toString(), "{\"card\":\"" + cards.get(random.nextInt(CARDS))
                                + "\",\"purchase\":\"" + random.nextInt(1, 10) + "." + random.nextInt(10, 100) + "\"}");
                        HttpResponse<String> response;
                        try {
                            response = post(port, credential, sent);
                        } catch (IOException e) {
                            // No answer: the process died with this request somewhere between socket and commit.
                            unanswered.put(sent.key(), sent);
                            return null;
                        }
                        if (response.statusCode() == 201) {
                            acknowledged.put(sent.key(), ack(response));
                            enough.countDown();
                        } else if (killed.get()) {
                            unanswered.put(sent.key(), sent);
                            return null;
                        } else {
                            unexpected.add(response.statusCode() + " " + response.body());
                            return null;
                        }
                    }
                    return null;
                }));
            }
            try {
                // Until enough were acknowledged (or every client stopped on a refusal, reported below).
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                while (!enough.await(200, TimeUnit.MILLISECONDS) && System.nanoTime() < deadline
                        && clients.stream().anyMatch(f -> !f.isDone())) {
                    assertThat(first.isAlive()).as("application process alive").isTrue();
                }
                assertThat(unexpected).as("refusals before the kill").isEmpty();
                assertThat(enough.getCount()).as("earnings still to acknowledge before the kill").isZero();
                killed.set(true);
                first.destroyForcibly();
                assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
                for (var f : clients) {
                    f.get(60, TimeUnit.SECONDS);
                }
            } finally {
                // A failed assertion must not leave the clients posting for ever (the pool waits for them).
                stop.set(true);
            }
        }
        assertThat(unexpected).as("refusals before the kill").isEmpty();
        assertThat(unanswered).as("requests cut off by the kill").isNotEmpty();
        int acknowledgedBeforeKill = acknowledged.size();

        Process second = start(port, 2);
        awaitReady(second, port);
        Map<String, Ack> retried = new ConcurrentHashMap<>();
        int replayed = 0;
        for (Sent sent : unanswered.values()) {
            HttpResponse<String> response = post(port, credential, sent);
            assertThat(response.statusCode()).as("retry of %s: %s", sent.key(), response.body()).isEqualTo(201);
            retried.put(sent.key(), ack(response));
            // Committed before the kill but never answered: the retry gets the original receipt.
            replayed += response.headers().firstValue("Idempotent-Replayed").filter("true"::equals).isPresent() ? 1 : 0;
        }
        System.out.printf("LedgerCrashIT: %d earnings acknowledged before the kill, %d cut off and retried, %d of these"
                + " had been committed (replayed)%n", acknowledgedBeforeKill, unanswered.size(), replayed);
        second.destroyForcibly();

        // Every acknowledged earning is in the ledger once, as acknowledged.
        List<Map<String, Object>> rows = jdbc.sql("""
                        select id, idempotency_key, amount_cents from savings_ledger_transaction
                        where tenant_id = ? and merchant_id = ? and kind = 'EARN'""")
                .params(tenant.id().value(), merchant).query().listOfRows();
        Map<UUID, Long> amounts = rows.stream().collect(Collectors.toMap(r -> (UUID) r.get("id"), r -> ((Number) r.get("amount_cents")).longValue()));
        assertThat(acknowledged).hasSize(acknowledgedBeforeKill);
        for (var e : acknowledged.entrySet()) {
            assertThat(amounts).as("acknowledged %s", e.getKey()).containsEntry(e.getValue().transactionId(), e.getValue().amountCents());
            assertThat(rows.stream().filter(r -> ((String) r.get("idempotency_key")).endsWith(e.getKey()))).hasSize(1);
        }
        for (var e : retried.entrySet()) {
            assertThat(amounts).as("retried %s", e.getKey()).containsEntry(e.getValue().transactionId(), e.getValue().amountCents());
        }
        // Nothing twice: one EARN per key ever accepted, no other.
        assertThat(rows).hasSize(acknowledged.size() + retried.size());
        assertThat(acknowledged.keySet()).doesNotContainAnyElementsOf(retried.keySet());
        // The balances and entries agree (reconciliation), and the card credits add up to what was acknowledged.
        var report = reconciliation.reconcile(tenant.id(), programme.id());
        assertThat(report.violations()).isEmpty();
        assertThat(report.totals().transactions()).isEqualTo(rows.size());
        long credited = jdbc.sql("select coalesce(sum(credit_cents), 0) from savings_card_balance where tenant_id = ?")
                .param(tenant.id().value()).query(Long.class).single();
        long acked = acknowledged.values().stream().mapToLong(Ack::amountCents).sum()
                + retried.values().stream().mapToLong(Ack::amountCents).sum();
        assertThat(credited).isEqualTo(acked);
    }

    private HttpResponse<String> post(int port, String credential, Sent sent) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/savings/earnings"))
                .header("Authorization", "Bearer " + credential)
                .header("Idempotency-Key", sent.key())
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(sent.body())).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private Ack ack(HttpResponse<String> response) {
        JsonNode body = json.readTree(response.body());
        return new Ack(UUID.fromString(body.get("transactionId").asString()),
                new BigDecimal(body.get("amount").asString()).movePointRight(2).longValueExact());
    }

    /**
     * The application as its own process on this test's database (a datasource URL switches the embedded server
     * off): the test classpath without the test classes, so that no test component starts in it.
     */
    private Process start(int port, int generation) throws Exception {
        String url = ((HikariDataSource) dataSource.unwrap(HikariDataSource.class)).getJdbcUrl();
        String classpath = Arrays.stream(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))
                        .split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes") && !entry.endsWith("test-classes/"))
                .collect(Collectors.joining(File.pathSeparator));
        String java = ProcessHandle.current().info().command().orElse("java");
        Path log = Path.of("target", "crash-test-app-" + generation + ".log");
        Files.createDirectories(log.getParent());
        List<String> command = List.of(java, "-Xmx512m", "-XX:TieredStopAtLevel=1", "-cp", classpath,
                LocalEconomyApplication.class.getName(),
                "--server.port=" + port,
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=postgres",
                "--app.security.data-key=" + dataKey,
                "--app.demo.enabled=false",
                "--app.files.dir=target/files",
                "--logging.level.root=WARN");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        children.add(process);
        return process;
    }

    private void awaitReady(Process process, int port) throws Exception {
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        var probe = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(5)).build();
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("application process alive (see target/crash-test-app-*.log)").isTrue();
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("application not ready within " + READY_WITHIN);
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Distinct valid national register numbers. */
    private static String nrn(int i) {
        var birth = java.time.LocalDate.of(1950, 1, 1).plusDays(i);
        String body = String.format("%02d%02d%02d%03d", birth.getYear() % 100, birth.getMonthValue(), birth.getDayOfMonth(), 1);
        return body + String.format("%02d", 97 - Long.parseLong(body) % 97);
    }
}
