package eu.localeconomy.savings.ledger;

import eu.localeconomy.savings.programme.Programme;
import eu.localeconomy.shared.Money;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.support.IntegrationTest;
import eu.localeconomy.support.SavingsFixtures;
import eu.localeconomy.support.TestTenants;
import eu.localeconomy.tenant.Tenant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Many requests at once: one card is never overspent, retries change nothing, however they interleave. */
@IntegrationTest
class LedgerConcurrencyIT {

    private static final Logger log = LoggerFactory.getLogger(LedgerConcurrencyIT.class);

    @Autowired Ledger ledger;
    @Autowired LedgerReconciliation reconciliation;
    @Autowired TestTenants tenants;
    @Autowired SavingsFixtures savings;
    @Autowired JdbcClient jdbc;
    @Autowired Clock clock;

    LedgerFixtures fixtures;
    Tenant tenant;
    Programme programme;
    Counter counter;

    @BeforeEach
    void setUp() {
        fixtures = new LedgerFixtures(jdbc, clock);
        tenant = tenants.tenant(TenantKind.MUNICIPALITY);
        programme = savings.openProgramme(tenant);
        counter = new Counter(tenant.id(), fixtures.merchant(tenant.id(), "Markthal", "APPROVED"), null, null);
    }

    @AfterEach
    void reconcile() {
        assertThat(reconciliation.reconcile(tenant.id(), programme.id()).violations()).isEmpty();
    }

    private static <T> List<T> all(ExecutorService pool, List<Callable<T>> tasks) throws Exception {
        List<T> results = new ArrayList<>();
        for (Future<T> f : pool.invokeAll(tasks)) {
            results.add(f.get());
        }
        return results;
    }

    @Test
    void fiveHundredConcurrentRedemptionsNeverOverspendOneCard() throws Exception {
        UUID card = fixtures.activeCards(tenant.id(), programme, "RESIDENT", 1).getFirst();
        ledger.earn(counter, card, 450_00, "earn-" + UUID.randomUUID());
        LocalDate today = LocalDate.now(clock.withZone(tenant.zone()));
        savings.moveToSpendWindow(programme, today);
        assertThat(savings.convert(card, today.minusDays(1))).isEqualTo(150_00);

        Random random = new Random(42);
        CountDownLatch start = new CountDownLatch(1);
        AtomicLong spent = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        List<Callable<Boolean>> tasks = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            long amount = 1 + random.nextInt(60_00);
            tasks.add(() -> {
                start.await();
                try {
                    Receipt r = ledger.redeem(counter, card, amount, "redeem-" + UUID.randomUUID());
                    spent.addAndGet(r.amount().cents());
                    assertThat(r.voucherAfter().cents()).isNotNegative();
                    return true;
                } catch (LedgerException e) {
                    assertThat(e.problem()).isEqualTo(LedgerProblem.INSUFFICIENT_VOUCHER);
                    refused.incrementAndGet();
                    return false;
                }
            });
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(32)) {
            List<Future<Boolean>> futures = new ArrayList<>();
            for (Callable<Boolean> task : tasks) {
                futures.add(pool.submit(task));
            }
            start.countDown();
            long accepted = 0;
            for (Future<Boolean> f : futures) {
                accepted += f.get() ? 1 : 0;
            }
            long voucher = ledger.position(tenant.id(), card).orElseThrow().voucher().cents();
            assertThat(spent.get()).isLessThanOrEqualTo(150_00);
            assertThat(voucher).isNotNegative().isEqualTo(150_00 - spent.get());
            assertThat(accepted + refused.get()).isEqualTo(500);
            assertThat(jdbc.sql("select count(*), coalesce(sum(amount_cents), 0) from savings_ledger_transaction where card_id = ? and kind = 'REDEEM'")
                    .param(card).query((rs, n) -> new long[]{rs.getLong(1), rs.getLong(2)}).single())
                    .containsExactly(accepted, spent.get());
            log.info("500 concurrent redemptions: {} accepted ({} cents), {} refused, voucher left {}", accepted,
                    spent.get(), refused.get(), voucher);
        }
    }

    @Test
    void theSameRequestSentTwentyTimesAtOnceIsRecordedOnce() throws Exception {
        UUID card = fixtures.activeCards(tenant.id(), programme, "RESIDENT", 1).getFirst();
        String key = "double-tap-" + UUID.randomUUID();
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Receipt>> tasks = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            tasks.add(() -> {
                start.await();
                return ledger.earn(counter, card, 30_00, key);
            });
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(20)) {
            List<Future<Receipt>> futures = tasks.stream().map(pool::submit).toList();
            start.countDown();
            List<Receipt> receipts = new ArrayList<>();
            for (Future<Receipt> f : futures) {
                receipts.add(f.get());
            }
            assertThat(receipts).extracting(Receipt::transactionId).containsOnly(receipts.getFirst().transactionId());
            assertThat(receipts).filteredOn(r -> !r.replayed()).hasSize(1);
            assertThat(receipts).extracting(Receipt::creditAfter).containsOnly(Money.euros(10_00));
            assertThat(ledger.position(tenant.id(), card).orElseThrow().credit()).isEqualTo(Money.euros(10_00));
        }
    }

    @Test
    void tenThousandEarnsReplayedWithTheirKeysChangeNothing() throws Exception {
        List<UUID> cards = fixtures.activeCards(tenant.id(), programme, "RESIDENT", 250);
        record Request(UUID card, long purchase, String key) {
        }
        Random random = new Random(7);
        List<Request> requests = new ArrayList<>();
        for (int round = 0; round < 40; round++) {
            for (UUID card : cards) {
                // 40 purchases of at most €10 stay under the €150 cap at 1/3: none is refused.
                requests.add(new Request(card, 1_00 + random.nextInt(9_01), "k" + round + "-" + card));
            }
        }
        Map<String, Receipt> first = new ConcurrentHashMap<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            long t0 = System.nanoTime();
            all(pool, requests.stream().<Callable<Receipt>>map(r -> () -> {
                Receipt receipt = ledger.earn(counter, r.card(), r.purchase(), r.key());
                first.put(r.key(), receipt);
                return receipt;
            }).toList());
            long t1 = System.nanoTime();
            assertThat(first).hasSize(10_000);
            assertThat(first.values()).noneMatch(Receipt::replayed);
            long[] before = ledgerState();

            List<Receipt> replays = all(pool, requests.reversed().stream().<Callable<Receipt>>map(r ->
                    () -> ledger.earn(counter, r.card(), r.purchase(), r.key())).toList());
            long t2 = System.nanoTime();
            assertThat(replays).allMatch(Receipt::replayed);
            Map<UUID, Receipt> byId = new java.util.HashMap<>();
            first.values().forEach(r -> byId.put(r.transactionId(), r));
            assertThat(replays).allSatisfy(r -> {
                Receipt original = byId.get(r.transactionId());
                assertThat(original).isNotNull();
                assertThat(r.amount()).isEqualTo(original.amount());
                assertThat(r.creditAfter()).isEqualTo(original.creditAfter());
            });
            assertThat(ledgerState()).containsExactly(before);
            assertThat(before[0]).isEqualTo(10_000);
            log.info("10,000 earns in {} ms, replayed in {} ms (16 threads)", (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
        }
    }

    /** Transactions, entries, Σ credit of the programme's cards. */
    private long[] ledgerState() {
        return jdbc.sql("""
                        select (select count(*) from savings_ledger_transaction where tenant_id = ?),
                            (select count(*) from savings_ledger_entry where tenant_id = ?),
                            (select coalesce(sum(credit_cents), 0) from savings_card_balance where tenant_id = ?)""")
                .params(tenant.id().value(), tenant.id().value(), tenant.id().value())
                .query((rs, n) -> new long[]{rs.getLong(1), rs.getLong(2), rs.getLong(3)}).single();
    }
}
