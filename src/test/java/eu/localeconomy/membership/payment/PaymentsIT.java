package eu.localeconomy.membership.payment;

import eu.localeconomy.directory.Establishments;
import eu.localeconomy.membership.catalogue.Catalogue;
import eu.localeconomy.membership.catalogue.CatalogueAdmin;
import eu.localeconomy.membership.extranet.Baskets;
import eu.localeconomy.membership.extranet.OrderStatus;
import eu.localeconomy.membership.extranet.PaymentMethod;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.Money;
import eu.localeconomy.support.IntegrationTest;
import eu.localeconomy.support.OrderFixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Payments of orders: statuses, overpayment, idempotency under concurrency, refunds, cancellation, membership. */
@IntegrationTest
class PaymentsIT {

    @Autowired OrderFixtures fixtures;
    @Autowired Payments payments;
    @Autowired OrderTimeline timeline;
    @Autowired Establishments establishments;
    @Autowired Catalogue catalogue;
    @Autowired CatalogueAdmin catalogueAdmin;
    @Autowired Baskets baskets;
    @Autowired JdbcClient jdbc;

    @Test
    void aPartialPaymentThenTheRestMakeTheOrderPaidAndRecordTheMembershipSeason() {
        var order = fixtures.awaitingPayment(PaymentMethod.TRANSFER);
        var account = payments.account(order.tenant(), order.orderId()).orElseThrow();
        assertThat(account.status()).isEqualTo(OrderStatus.AWAITING_PAYMENT);
        assertThat(account.balance()).isEqualTo(order.gross());
        assertThat(account.dueDate()).isEqualTo(fixtures.today(order).plusDays(30));
        assertThat(account.creditorReference()).startsWith("RF").hasSize(20);

        fixtures.pay(order, 5000);
        account = payments.account(order.tenant(), order.orderId()).orElseThrow();
        assertThat(account.status()).isEqualTo(OrderStatus.PARTIALLY_PAID);
        assertThat(account.paid().cents()).isEqualTo(5000);
        assertThat(account.balance().cents()).isEqualTo(order.gross().cents() - 5000);
        assertThat(establishments.find(order.tenant(), order.office().hotel()).orElseThrow().memberSeasons()).isEmpty();

        fixtures.pay(order, order.gross().cents() - 5000);
        account = payments.account(order.tenant(), order.orderId()).orElseThrow();
        assertThat(account.status()).isEqualTo(OrderStatus.PAID);
        assertThat(account.balance().cents()).isZero();
        assertThat(account.payments()).hasSize(2);
        int season = catalogue.campaign(order.tenant(), order.office().campaign()).orElseThrow().season();
        assertThat(establishments.find(order.tenant(), order.office().hotel()).orElseThrow().memberSeasons())
                .containsExactly(season);
        assertThat(timeline.of(order.tenant(), order.orderId())).extracting(OrderEvent::kind).containsSubsequence(
                "placed", "payment.recorded", "status.changed", "payment.recorded", "status.changed");
    }

    @Test
    void anOverpaymentIsRefusedUnlessStaffSaySoThenTheSurplusIsKept() {
        var order = fixtures.awaitingPayment(PaymentMethod.CHEQUE);
        long tooMuch = order.gross().cents() + 500;
        assertThatThrownBy(() -> payments.record(order.tenant(), order.orderId(), entry(order, tooMuch, false, "k1"), admin(order)))
                .isInstanceOfSatisfying(PaymentException.class, e -> {
                    assertThat(e.key()).isEqualTo("payment.error.overpayment");
                    assertThat(e.field()).isEqualTo("amount");
                    assertThat(e.arguments()).containsExactly(order.gross());
                });
        assertThat(payments.account(order.tenant(), order.orderId()).orElseThrow().payments()).isEmpty();

        var recorded = payments.record(order.tenant(), order.orderId(), entry(order, tooMuch, true, "k2"), admin(order));
        assertThat(recorded.overpaid().cents()).isEqualTo(500);
        var account = payments.account(order.tenant(), order.orderId()).orElseThrow();
        assertThat(account.status()).isEqualTo(OrderStatus.PAID);
        assertThat(account.balance().cents()).isZero();

        // Giving back the surplus keeps the order paid.
        payments.refund(order.tenant(), order.orderId(), new RefundEntry(recorded.id(), new Money(500, "EUR"),
                fixtures.today(order), null, "Trop-perçu", "r1"), admin(order));
        assertThat(payments.account(order.tenant(), order.orderId()).orElseThrow().status()).isEqualTo(OrderStatus.PAID);
    }

    @Test
    void bookkeepingMistakesAreRefusedBeforeAnythingIsWritten() {
        var order = fixtures.awaitingPayment(PaymentMethod.CHEQUE);
        record Case(PaymentEntry entry, String key) {
        }
        var today = fixtures.today(order);
        for (var c : List.of(
                new Case(new PaymentEntry(PaymentMethod.CHEQUE, new Money(0, "EUR"), today, null, null, false, null, "a"), "payment.error.amountPositive"),
                new Case(new PaymentEntry(PaymentMethod.CHEQUE, new Money(-10, "EUR"), today, null, null, false, null, "b"), "payment.error.amountPositive"),
                new Case(new PaymentEntry(PaymentMethod.CHEQUE, new Money(10, "EUR"), today.plusDays(1), null, null, false, null, "c"), "payment.error.future"),
                new Case(new PaymentEntry(PaymentMethod.CHEQUE, new Money(10, "USD"), today, null, null, false, null, "d"), "payment.error.currency"),
                new Case(new PaymentEntry(null, new Money(10, "EUR"), today, null, null, false, null, "e"), "payment.error.method"),
                new Case(new PaymentEntry(PaymentMethod.CHEQUE, new Money(10, "EUR"), null, null, null, false, null, "f"), "payment.error.date"),
                new Case(new PaymentEntry(PaymentMethod.CHEQUE, new Money(10, "EUR"), today, null, null, false, null, " "), "payment.error.expired"),
                new Case(new PaymentEntry(PaymentMethod.CHEQUE, new Money(10, "EUR"), today, "x".repeat(141), null, false, null, "g"), "payment.error.tooLong"))) {
            assertThatThrownBy(() -> payments.record(order.tenant(), order.orderId(), c.entry(), admin(order)))
                    .as(c.key()).isInstanceOfSatisfying(PaymentException.class, e -> assertThat(e.key()).isEqualTo(c.key()));
        }
        assertThatThrownBy(() -> payments.record(order.tenant(), UUID.randomUUID(), entry(order, 10, false, "h"), admin(order)))
                .isInstanceOfSatisfying(PaymentException.class, e -> assertThat(e.key()).isEqualTo("payment.error.unknownOrder"));
        assertThat(payments.account(order.tenant(), order.orderId()).orElseThrow().payments()).isEmpty();
    }

    @Test
    void aRetryWithTheSameKeyReturnsTheFirstRecordAndChangesNothing() {
        var order = fixtures.awaitingPayment(PaymentMethod.TRANSFER);
        var first = payments.record(order.tenant(), order.orderId(), entry(order, 1000, false, "same"), admin(order));
        var again = payments.record(order.tenant(), order.orderId(), entry(order, 1000, false, "same"), admin(order));
        assertThat(again).isEqualTo(first);
        assertThat(payments.account(order.tenant(), order.orderId()).orElseThrow().paid().cents()).isEqualTo(1000);
    }

    @Test
    void twentyThreadsPostingTheSameKeyRecordOneRow() throws Exception {
        var order = fixtures.awaitingPayment(PaymentMethod.TRANSFER);
        var results = concurrently(20, i -> payments.record(order.tenant(), order.orderId(),
                entry(order, 1000, false, "double-click"), admin(order)));
        assertThat(results.stream().map(PaymentRecord::id).distinct()).hasSize(1);
        assertThat(rows(order.orderId())).isEqualTo(1);
        assertThat(payments.account(order.tenant(), order.orderId()).orElseThrow().paid().cents()).isEqualTo(1000);
    }

    @Test
    void twentyThreadsWithDifferentKeysNeverExceedWhatIsDue() throws Exception {
        var order = fixtures.awaitingPayment(PaymentMethod.TRANSFER);
        long tenth = order.gross().cents() / 10;
        var refused = new ConcurrentLinkedQueue<String>();
        var results = concurrently(20, i -> {
            try {
                return payments.record(order.tenant(), order.orderId(), entry(order, tenth, false, "key-" + i), admin(order));
            } catch (PaymentException e) {
                refused.add(e.key());
                return null;
            }
        });
        assertThat(results.stream().filter(r -> r != null)).hasSize(10);
        assertThat(refused).hasSize(10).containsOnly("payment.error.overpayment");
        var account = payments.account(order.tenant(), order.orderId()).orElseThrow();
        assertThat(account.paid().cents()).isEqualTo(tenth * 10).isLessThanOrEqualTo(order.gross().cents());
        assertThat(rows(order.orderId())).isEqualTo(10);
    }

    @Test
    void aPartialRefundFollowsTheBalanceAndRefundingEverythingMakesTheOrderRefunded() {
        var order = fixtures.awaitingPayment(PaymentMethod.TRANSFER);
        var first = fixtures.pay(order, 1000);
        var rest = fixtures.pay(order, order.gross().cents() - 1000);
        var today = fixtures.today(order);
        int season = catalogue.campaign(order.tenant(), order.office().campaign()).orElseThrow().season();
        assertThat(establishments.find(order.tenant(), order.office().hotel()).orElseThrow().memberSeasons())
                .containsExactly(season);

        var partial = payments.refund(order.tenant(), order.orderId(), new RefundEntry(rest.id(), new Money(300, "EUR"),
                today, "VIR-1", "Geste commercial", "refund-1"), admin(order));
        assertThat(partial.kind()).isEqualTo(PaymentKind.REFUND);
        assertThat(partial.refundsPaymentId()).isEqualTo(rest.id());
        assertThat(payments.account(order.tenant(), order.orderId()).orElseThrow().status()).isEqualTo(OrderStatus.PARTIALLY_PAID);
        // Same key: same refund.
        assertThat(payments.refund(order.tenant(), order.orderId(), new RefundEntry(rest.id(), new Money(300, "EUR"),
                today, "VIR-1", "Geste commercial", "refund-1"), admin(order))).isEqualTo(partial);

        assertThatThrownBy(() -> payments.refund(order.tenant(), order.orderId(), new RefundEntry(first.id(),
                new Money(1001, "EUR"), today, null, "Trop", "refund-2"), admin(order)))
                .isInstanceOfSatisfying(PaymentException.class, e -> assertThat(e.key()).isEqualTo("orderRefund.error.tooMuch"));
        assertThatThrownBy(() -> payments.cancel(order.tenant(), order.orderId(), "Erreur", admin(order)))
                .isInstanceOfSatisfying(PaymentException.class, e -> assertThat(e.key()).isEqualTo("orderCancel.error.moneyHeld"));

        payments.refund(order.tenant(), order.orderId(), new RefundEntry(first.id(), new Money(1000, "EUR"), today,
                null, "Annulation", "refund-3"), admin(order));
        payments.refund(order.tenant(), order.orderId(), new RefundEntry(rest.id(),
                new Money(rest.amount().cents() - 300, "EUR"), today, null, "Annulation", "refund-4"), admin(order));
        var account = payments.account(order.tenant(), order.orderId()).orElseThrow();
        assertThat(account.status()).isEqualTo(OrderStatus.REFUNDED);
        assertThat(account.refundable().cents()).isZero();
        assertThatThrownBy(() -> fixtures.pay(order, 100))
                .isInstanceOfSatisfying(PaymentException.class, e -> assertThat(e.key()).isEqualTo("payment.error.closed"));
        assertThat(account.balance().cents()).isZero();
        // Paid in full, then everything given back: no membership for the season any more.
        assertThat(establishments.find(order.tenant(), order.office().hotel()).orElseThrow().memberSeasons()).isEmpty();
        // A refunded order is no longer live: the establishment may order again in the campaign.
        var again = fixtures.awaitingPayment(order.office(), PaymentMethod.TRANSFER, eu.localeconomy.shared.Language.FR);
        assertThat(again.orderId()).isNotEqualTo(order.orderId());
        // The ledger is append-only.
        assertThatThrownBy(() -> jdbc.sql("delete from membership_payment where order_id = ?").params(order.orderId()).update())
                .hasMessageContaining("append-only");
    }

    @Test
    void aCardRefundWithoutTheProviderIsRefused() {
        var order = fixtures.awaitingPayment(PaymentMethod.TRANSFER);
        var card = payments.record(order.tenant(), order.orderId(), new PaymentEntry(PaymentMethod.CARD,
                new Money(1000, "EUR"), fixtures.today(order), null, null, false, "pi_test_1", "pi_test_1"), Actor.SYSTEM);
        assertThatThrownBy(() -> payments.refund(order.tenant(), order.orderId(), new RefundEntry(card.id(),
                new Money(1000, "EUR"), fixtures.today(order), null, "Annulation", "refund-card"), admin(order)))
                .isInstanceOfSatisfying(PaymentException.class, e -> assertThat(e.key()).isEqualTo("orderRefund.error.providerUnavailable"));
        assertThat(payments.account(order.tenant(), order.orderId()).orElseThrow().refunded().cents()).isZero();
    }

    @Test
    void cancellingReleasesTheStockAndACancelledOrderRefusesPayments() {
        var office = fixtures.office();
        var tenant = office.tenant().context();
        baskets.add(tenant, office.campaign(), office.hotel(), office.products().pages(), 2, Language.FR, office.hotelPro().principal());
        var order = fixtures.awaitingPayment(office, PaymentMethod.CASH, Language.FR);
        assertThat(catalogueAdmin.product(order.tenant(), office.products().pages()).orElseThrow().stockTaken()).isEqualTo(2);

        assertThatThrownBy(() -> payments.cancel(order.tenant(), order.orderId(), " ", admin(order)))
                .isInstanceOfSatisfying(PaymentException.class, e -> assertThat(e.field()).isEqualTo("reason"));
        payments.cancel(order.tenant(), order.orderId(), "Établissement fermé", admin(order));

        assertThat(catalogueAdmin.product(order.tenant(), office.products().pages()).orElseThrow().stockTaken()).isZero();
        assertThat(payments.account(order.tenant(), order.orderId()).orElseThrow().status()).isEqualTo(OrderStatus.CANCELLED);
        assertThatThrownBy(() -> fixtures.pay(order, 100))
                .isInstanceOfSatisfying(PaymentException.class, e -> assertThat(e.key()).isEqualTo("payment.error.closed"));
        assertThatThrownBy(() -> payments.cancel(order.tenant(), order.orderId(), "Encore", admin(order)))
                .isInstanceOfSatisfying(PaymentException.class, e -> assertThat(e.key()).isEqualTo("orderCancel.error.cancelled"));
        assertThat(timeline.of(order.tenant(), order.orderId())).extracting(OrderEvent::kind).contains("cancelled");
    }

    @Test
    void theOtherTenantSeesNothing() {
        var order = fixtures.awaitingPayment(PaymentMethod.TRANSFER);
        var other = fixtures.office();
        assertThat(payments.account(other.tenant().id(), order.orderId())).isEmpty();
        assertThat(payments.instructions(other.tenant().id(), order.orderId(), Language.FR)).isEmpty();
        assertThatThrownBy(() -> payments.record(other.tenant().id(), order.orderId(), entry(order, 100, false, "x"), Actor.SYSTEM))
                .isInstanceOf(PaymentException.class);
    }

    @Test
    void transferInstructionsNameTheAccountAndTheFormattedReference() {
        var order = fixtures.awaitingPayment(PaymentMethod.TRANSFER);
        var instructions = payments.instructions(order.tenant(), order.orderId(), Language.EN).orElseThrow();
        assertThat(instructions.iban()).isEqualTo(OrderFixtures.IBAN_FORMATTED);
        assertThat(instructions.bic()).isEqualTo(OrderFixtures.BIC);
        assertThat(instructions.creditorReference()).matches("RF\\d\\d( \\d{4}){4}");
        assertThat(instructions.amountDue()).isEqualTo(order.gross());
        assertThat(instructions.chequePayee()).isNull();
        assertThat(instructions.cashInstructions()).isNull();
    }

    private int rows(UUID order) {
        return jdbc.sql("select count(*) from membership_payment where order_id = ?").params(order).query(Integer.class).single();
    }

    private PaymentEntry entry(OrderFixtures.Placed order, long cents, boolean overpay, String key) {
        return new PaymentEntry(PaymentMethod.CHEQUE, new Money(cents, "EUR"), fixtures.today(order), null, "0001234",
                overpay, null, key);
    }

    private static Actor admin(OrderFixtures.Placed order) {
        return order.office().admin().principal();
    }

    interface Task<T> {
        T run(int i) throws Exception;
    }

    private static <T> List<T> concurrently(int threads, Task<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            var start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int n = i;
                futures.add(pool.submit((Callable<T>) () -> {
                    start.await();
                    return task.run(n);
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (var f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
