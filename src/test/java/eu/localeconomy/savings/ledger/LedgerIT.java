package eu.localeconomy.savings.ledger;

import eu.localeconomy.savings.programme.Programme;
import eu.localeconomy.savings.programme.Programmes;
import eu.localeconomy.shared.Money;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.shared.UserId;
import eu.localeconomy.account.Role;
import eu.localeconomy.support.IntegrationTest;
import eu.localeconomy.support.SavingsFixtures;
import eu.localeconomy.support.TestTenants;
import eu.localeconomy.tenant.Tenant;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The ledger's rules, one scenario each; the reconciliation must find nothing wrong after every one. */
@IntegrationTest
class LedgerIT {

    @Autowired Ledger ledger;
    @Autowired LedgerTransactions transactions;
    @Autowired LedgerReconciliation reconciliation;
    @Autowired TestTenants tenants;
    @Autowired SavingsFixtures savings;
    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate transactionTemplate;
    @Autowired Clock clock;
    @Autowired Programmes programmes;
    @Autowired eu.localeconomy.savings.portal.CardBalances portalBalances;

    LedgerFixtures fixtures;
    Tenant tenant;
    Programme programme;
    UUID merchant;
    UUID card;
    Counter counter;
    final List<Programme> reconciled = new ArrayList<>();

    @BeforeEach
    void setUp() {
        fixtures = new LedgerFixtures(jdbc, clock);
        tenant = tenants.tenant(TenantKind.MUNICIPALITY);
        programme = programme(savings.openProgramme(tenant));
        merchant = fixtures.merchant(tenant.id(), "Bakkerij De Zon", "APPROVED");
        card = fixtures.activeCards(tenant.id(), programme, "RESIDENT", 1).getFirst();
        counter = new Counter(tenant.id(), merchant, null, null);
    }

    @AfterEach
    void reconcile() {
        for (Programme p : reconciled) {
            var report = reconciliation.reconcile(p.tenantId(), p.id());
            assertThat(report.violations()).as("reconciliation of " + p.season()).isEmpty();
        }
    }

    private Programme programme(Programme p) {
        reconciled.add(p);
        return p;
    }

    private static String key() {
        return "scan-" + UUID.randomUUID();
    }

    private static Money eur(long cents) {
        return Money.euros(cents);
    }

    private static LedgerException refused(ThrowingCallable call) {
        LedgerException e = catchThrowableOfType(LedgerException.class, call);
        assertThat(e).as("refused by the ledger").isNotNull();
        return e;
    }

    private long transactionsOf(UUID cardId) {
        return jdbc.sql("select count(*) from savings_ledger_transaction where card_id = ?").param(cardId)
                .query(Long.class).single();
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(tenant.zone()));
    }

    /** Earned credit, moved on to the spend window and converted: the card holds a voucher of that amount. */
    private void voucher(UUID cardId, long purchaseCents) {
        ledger.earn(counter, cardId, purchaseCents, key());
        savings.moveToSpendWindow(programme, today());
        savings.convert(cardId, today().minusDays(1));
    }

    @Test
    void earnCreditsTheCategoryRateRoundedHalfUp() {
        Receipt first = ledger.earn(counter, card, 10_00, key());
        Receipt second = ledger.earn(counter, card, 2_00, key());

        assertThat(first.amount()).isEqualTo(eur(3_33));
        assertThat(first.purchase()).isEqualTo(eur(10_00));
        assertThat(first.capped()).isFalse();
        assertThat(second.amount()).isEqualTo(eur(67));
        assertThat(second.creditAfter()).isEqualTo(eur(4_00));
        assertThat(second.voucherAfter()).isEqualTo(eur(0));
        assertThat(second.replayed()).isFalse();
        var position = ledger.position(tenant.id(), card).orElseThrow();
        assertThat(position.credit()).isEqualTo(eur(4_00));
        assertThat(position.remainingCap()).isEqualTo(eur(146_00));

        var lines = transactions.search(tenant.id(), LedgerTransactions.Filter.ofMerchant(merchant), 0, 10);
        assertThat(lines).extracting(LedgerTransactions.Line::id).containsExactly(second.transactionId(), first.transactionId());
        assertThat(lines.getFirst().merchantName()).isEqualTo("Bakkerij De Zon");
        assertThat(lines.getFirst().businessDate()).isEqualTo(today());
        var totals = transactions.totals(tenant.id(), LedgerTransactions.Filter.ofMerchant(merchant));
        assertThat(totals.count()).isEqualTo(2);
        assertThat(totals.purchases()).isEqualTo(eur(12_00));
        assertThat(totals.earned()).isEqualTo(eur(4_00));
    }

    @Test
    void aCardNeverUsedShowsItsCapAndNothingElse() {
        var position = ledger.position(tenant.id(), card).orElseThrow();
        assertThat(position.credit()).isEqualTo(eur(0));
        assertThat(position.cap()).isEqualTo(eur(150_00));
        assertThat(ledger.position(tenant.id(), UUID.randomUUID())).isEmpty();
    }

    @Test
    void theCreditIsCutAtTheCapThenTheCapIsReached() {
        ledger.earn(counter, card, 440_00, key());               // 146.67
        Receipt cut = ledger.earn(counter, card, 30_00, key());   // 10.00 asked, 3.33 left

        assertThat(cut.capped()).isTrue();
        assertThat(cut.amount()).isEqualTo(eur(3_33));
        assertThat(cut.creditAfter()).isEqualTo(eur(150_00));

        long before = transactionsOf(card);
        var e = refused(() -> ledger.earn(counter, card, 1_00, key()));
        assertThat(e.problem()).isEqualTo(LedgerProblem.CAP_REACHED);
        assertThat(transactionsOf(card)).isEqualTo(before);
    }

    @Test
    void perTransactionAndDailyLimitsPerMerchant() {
        savings.limits(programme, 100_00L, 150_00L, 15);

        var tooBig = refused(() -> ledger.earn(counter, card, 100_01, key()));
        assertThat(tooBig.problem()).isEqualTo(LedgerProblem.LIMIT_EXCEEDED);
        assertThat(tooBig.details()).containsEntry("limit", eur(100_00));

        ledger.earn(counter, card, 100_00, key());
        ledger.earn(counter, card, 50_00, key());
        var daily = refused(() -> ledger.earn(counter, card, 1, key()));
        assertThat(daily.problem()).isEqualTo(LedgerProblem.LIMIT_EXCEEDED);
        assertThat(daily.details()).containsEntry("limit", eur(150_00)).containsEntry("already", eur(150_00));

        // The daily limit is per merchant: the shop next door may still register a purchase.
        UUID other = fixtures.merchant(tenant.id(), "Slagerij", "APPROVED");
        assertThat(ledger.earn(new Counter(tenant.id(), other, null, null), card, 10_00, key()).amount()).isEqualTo(eur(3_33));
    }

    @Test
    void blockedAndNotActivatedCardsAreRefused() {
        fixtures.setCardStatus(card, "BLOCKED");
        assertThat(refused(() -> ledger.earn(counter, card, 10_00, key())).problem()).isEqualTo(LedgerProblem.CARD_BLOCKED);
        fixtures.setCardStatus(card, "ISSUED");
        assertThat(refused(() -> ledger.earn(counter, card, 10_00, key())).problem()).isEqualTo(LedgerProblem.CARD_NOT_ACTIVE);
        fixtures.setCardStatus(card, "CREATED");
        assertThat(refused(() -> ledger.earn(counter, card, 10_00, key())).problem()).isEqualTo(LedgerProblem.CARD_NOT_ACTIVE);
        assertThat(transactionsOf(card)).isZero();
    }

    @Test
    void suspendedOrUnapprovedMerchantsCannotScan() {
        UUID suspended = fixtures.merchant(tenant.id(), "Gesloten", "SUSPENDED");
        UUID applied = fixtures.merchant(tenant.id(), "Nieuw", "APPLIED");
        assertThat(refused(() -> ledger.earn(new Counter(tenant.id(), suspended, null, null), card, 10_00, key())).problem())
                .isEqualTo(LedgerProblem.MERCHANT_SUSPENDED);
        assertThat(refused(() -> ledger.earn(new Counter(tenant.id(), applied, null, null), card, 10_00, key())).problem())
                .isEqualTo(LedgerProblem.MERCHANT_SUSPENDED);

        // Suspended after the sale: its reversal is refused too.
        Receipt sale = ledger.earn(counter, card, 10_00, key());
        jdbc.sql("update savings_merchant set status = 'SUSPENDED' where id = ?").param(merchant).update();
        assertThat(refused(() -> ledger.reverse(counter, sale.transactionId(), key())).problem())
                .isEqualTo(LedgerProblem.MERCHANT_SUSPENDED);
    }

    @Test
    void anotherTenantsCardIsUnknown() {
        Tenant other = tenants.tenant(TenantKind.MUNICIPALITY);
        Programme theirs = programme(savings.openProgramme(other));
        UUID theirCard = fixtures.activeCards(other.id(), theirs, "RESIDENT", 1).getFirst();

        assertThat(refused(() -> ledger.earn(counter, theirCard, 10_00, key())).problem()).isEqualTo(LedgerProblem.UNKNOWN_CARD);
        assertThat(refused(() -> ledger.earn(counter, UUID.randomUUID(), 10_00, key())).problem()).isEqualTo(LedgerProblem.UNKNOWN_CARD);
        assertThat(ledger.position(tenant.id(), theirCard)).isEmpty();
        assertThat(transactionsOf(theirCard)).isZero();
        assertThat(jdbc.sql("select count(*) from savings_card_balance where card_id = ?").param(theirCard)
                .query(Long.class).single()).isZero();
    }

    @Test
    void earningOnlyInTheEarnWindowAndSpendingOnlyInTheSpendWindow() {
        var redeemNow = refused(() -> ledger.redeem(counter, card, 1_00, key()));
        assertThat(redeemNow.problem()).isEqualTo(LedgerProblem.OUTSIDE_PHASE);
        assertThat(redeemNow.details()).containsEntry("phase", "EARN").containsEntry("from", programme.spendFrom().toString());

        Programme spending = programme(savings.spendingProgramme(tenant));
        UUID spendingCard = fixtures.activeCards(tenant.id(), spending, "RESIDENT", 1).getFirst();
        var earnNow = refused(() -> ledger.earn(counter, spendingCard, 10_00, key()));
        assertThat(earnNow.problem()).isEqualTo(LedgerProblem.OUTSIDE_PHASE);
        assertThat(earnNow.details()).containsEntry("phase", "SPEND").containsEntry("until", spending.earnUntil().toString());
    }

    @Test
    void aVoucherIsSpentInPartsButNeverBeyondItsBalance() {
        voucher(card, 450_00);

        Receipt spent = ledger.redeem(counter, card, 40_00, key());
        assertThat(spent.kind()).isEqualTo(TransactionKind.REDEEM);
        assertThat(spent.voucherAfter()).isEqualTo(eur(110_00));
        assertThat(spent.creditAfter()).isEqualTo(eur(0));

        var tooMuch = refused(() -> ledger.redeem(counter, card, 110_01, key()));
        assertThat(tooMuch.problem()).isEqualTo(LedgerProblem.INSUFFICIENT_VOUCHER);
        assertThat(tooMuch.details()).containsEntry("balance", eur(110_00));
        assertThat(refused(() -> ledger.redeem(counter, card, 0, key())).problem()).isEqualTo(LedgerProblem.INVALID_AMOUNT);

        var totals = transactions.totals(tenant.id(), new LedgerTransactions.Filter(merchant, null, today(), today(),
                Set.of(TransactionKind.REDEEM), null, null));
        assertThat(totals.redeemed()).isEqualTo(eur(40_00));
        assertThat(totals.owedToMerchant()).isEqualTo(eur(40_00));
        assertThat(reconciliation.reconcile(tenant.id(), programme.id()).totals().owedToMerchants()).isEqualTo(eur(40_00));
    }

    @Test
    void theCitizenPortalSeesTheVoucherAndTheCardsHistory() {
        voucher(card, 450_00);
        ledger.redeem(counter, card, 40_00, key());

        var balance = portalBalances.of(tenant.id(), card).orElseThrow();
        assertThat(balance.credit()).isEqualTo(eur(0));
        assertThat(balance.voucher()).contains(eur(110_00));
        assertThat(balance.history()).extracting(m -> m.kind() + " " + m.amount().cents() + " " + m.merchantName())
                .containsExactly("SPEND -4000 Bakkerij De Zon", "CONVERSION 15000 null", "EARN 15000 Bakkerij De Zon");
        assertThat(portalBalances.of(tenant.id(), UUID.randomUUID())).isEmpty();
        UUID unused = fixtures.activeCards(tenant.id(), programme, "RESIDENT", 1).getFirst();
        assertThat(portalBalances.of(tenant.id(), unused).orElseThrow().voucher()).isEmpty();
    }

    @Test
    void theMerchantReversesItsOwnTransactionWithinTheWindowOnce() {
        Receipt sale = ledger.earn(counter, card, 30_00, key());
        Receipt reversal = ledger.reverse(counter, sale.transactionId(), key());

        assertThat(reversal.kind()).isEqualTo(TransactionKind.REVERSAL);
        assertThat(reversal.amount()).isEqualTo(eur(10_00));
        assertThat(reversal.reversesId()).isEqualTo(sale.transactionId());
        assertThat(reversal.creditAfter()).isEqualTo(eur(0));
        var line = transactions.search(tenant.id(), new LedgerTransactions.Filter(null, card, null, null,
                Set.of(TransactionKind.EARN), null, null), 0, 10).getFirst();
        assertThat(line.compensated()).isEqualTo(eur(10_00));

        assertThat(refused(() -> ledger.reverse(counter, sale.transactionId(), key())).problem())
                .isEqualTo(LedgerProblem.ALREADY_REVERSED);
        assertThat(refused(() -> ledger.reverse(counter, reversal.transactionId(), key())).problem())
                .isEqualTo(LedgerProblem.NOT_REVERSIBLE);
        UUID other = fixtures.merchant(tenant.id(), "Buurwinkel", "APPROVED");
        Receipt theirs = ledger.earn(new Counter(tenant.id(), other, null, null), card, 3_00, key());
        assertThat(refused(() -> ledger.reverse(counter, theirs.transactionId(), key())).problem())
                .isEqualTo(LedgerProblem.UNKNOWN_TRANSACTION);
    }

    @Test
    void theReversalWindowClosesAfterTheProgrammesMinutes() {
        savings.limits(programme, null, null, 15);
        Receipt sale = ledger.earn(counter, card, 30_00, key());

        Ledger later = new Ledger(jdbc, transactionTemplate, Clock.offset(clock, Duration.ofMinutes(16)));
        var e = refused(() -> later.reverse(counter, sale.transactionId(), key()));
        assertThat(e.problem()).isEqualTo(LedgerProblem.REVERSAL_WINDOW_CLOSED);
        assertThat(e.details()).containsEntry("minutes", 15);

        Ledger stillInTime = new Ledger(jdbc, transactionTemplate, Clock.offset(clock, Duration.ofMinutes(14)));
        assertThat(stillInTime.reverse(counter, sale.transactionId(), key()).amount()).isEqualTo(eur(10_00));
    }

    @Test
    void aRedemptionReversedGivesTheVoucherBackAndTheCityOwesNothing() {
        voucher(card, 300_00);
        Receipt spent = ledger.redeem(counter, card, 25_00, key());
        Receipt back = ledger.reverse(counter, spent.transactionId(), key());

        assertThat(back.voucherAfter()).isEqualTo(eur(100_00));
        assertThat(transactions.totals(tenant.id(), LedgerTransactions.Filter.ofMerchant(merchant)).owedToMerchant())
                .isEqualTo(eur(0));
    }

    @Test
    void cityCorrectionsAreCappedByTheOriginalAndNeedAReason() {
        UserId staff = tenants.person(tenant, Role.FINANCE).principal().userId();
        Receipt sale = ledger.earn(counter, card, 30_00, key());

        assertThat(refused(() -> ledger.correct(tenant.id(), staff, sale.transactionId(), 1_00, " ", key())).problem())
                .isEqualTo(LedgerProblem.REASON_REQUIRED);
        Receipt part = ledger.correct(tenant.id(), staff, sale.transactionId(), 4_00, "Purchase typed twice", key());
        assertThat(part.kind()).isEqualTo(TransactionKind.CORRECTION);
        assertThat(part.creditAfter()).isEqualTo(eur(6_00));

        var tooMuch = refused(() -> ledger.correct(tenant.id(), staff, sale.transactionId(), 6_01, "Again", key()));
        assertThat(tooMuch.problem()).isEqualTo(LedgerProblem.INVALID_AMOUNT);
        assertThat(tooMuch.details()).containsEntry("remaining", eur(6_00));

        ledger.correct(tenant.id(), staff, sale.transactionId(), 6_00, "The rest", key());
        assertThat(refused(() -> ledger.correct(tenant.id(), staff, sale.transactionId(), 1, "More", key())).problem())
                .isEqualTo(LedgerProblem.ALREADY_REVERSED);
        // Corrected in full by the city: the merchant has nothing left to reverse.
        assertThat(refused(() -> ledger.reverse(counter, sale.transactionId(), key())).problem())
                .isEqualTo(LedgerProblem.ALREADY_REVERSED);

        var lines = transactions.search(tenant.id(), new LedgerTransactions.Filter(null, card, null, null,
                Set.of(TransactionKind.CORRECTION), null, null), 0, 10);
        assertThat(lines).hasSize(2).allSatisfy(l -> assertThat(l.reason()).isNotBlank());
        assertThat(jdbc.sql("select count(*) from savings_ledger_transaction where reverses_id = ? and actor_id = ?")
                .params(sale.transactionId(), staff.value()).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void anEarnCorrectedAfterConversionComesOffTheVoucher() {
        UserId staff = tenants.person(tenant, Role.TENANT_ADMIN).principal().userId();
        Receipt sale = ledger.earn(counter, card, 30_00, key());
        savings.moveToSpendWindow(programme, today());
        savings.convert(card, today());

        Receipt corrected = ledger.correct(tenant.id(), staff, sale.transactionId(), 2_50, "Returned goods", key());
        assertThat(corrected.voucherAfter()).isEqualTo(eur(7_50));
        assertThat(corrected.creditAfter()).isEqualTo(eur(0));
    }

    @Test
    void theSameKeyAndRequestReturnTheOriginalReceiptAndWriteNothing() {
        String key = key();
        Receipt original = ledger.earn(counter, card, 12_00, key);
        ledger.earn(counter, card, 3_00, key());
        long before = transactionsOf(card);

        Receipt replay = ledger.earn(counter, card, 12_00, key);

        assertThat(replay.replayed()).isTrue();
        assertThat(replay.transactionId()).isEqualTo(original.transactionId());
        assertThat(replay.amount()).isEqualTo(original.amount());
        assertThat(replay.creditAfter()).as("balances as recorded then").isEqualTo(original.creditAfter());
        assertThat(replay.voucherAfter()).isEqualTo(original.voucherAfter());
        assertThat(replay.at()).isEqualTo(original.at());
        assertThat(replay.cardNumber()).isEqualTo(original.cardNumber());
        assertThat(transactionsOf(card)).isEqualTo(before);
        assertThat(ledger.position(tenant.id(), card).orElseThrow().credit()).isEqualTo(eur(5_00));

        var conflict = refused(() -> ledger.earn(counter, card, 12_01, key));
        assertThat(conflict.problem()).isEqualTo(LedgerProblem.IDEMPOTENCY_CONFLICT);
        UUID otherCard = fixtures.activeCards(tenant.id(), programme, "RESIDENT", 1).getFirst();
        assertThat(refused(() -> ledger.earn(counter, otherCard, 12_00, key)).problem())
                .isEqualTo(LedgerProblem.IDEMPOTENCY_CONFLICT);
        assertThat(refused(() -> ledger.redeem(counter, card, 12_00, key)).problem())
                .isEqualTo(LedgerProblem.IDEMPOTENCY_CONFLICT);
        assertThat(transactionsOf(card)).isEqualTo(before);
    }

    @Test
    void aRetryIsAnsweredEvenWhenTodaysBalancesWouldRefuseIt() {
        String key = key();
        Receipt toTheCap = ledger.earn(counter, card, 450_00, key);
        assertThat(ledger.earn(counter, card, 450_00, key).transactionId()).isEqualTo(toTheCap.transactionId());

        // A redemption of the whole voucher, retried: the balance is zero now, the retry still gets its receipt.
        savings.moveToSpendWindow(programme, today());
        savings.convert(card, today().minusDays(1));
        String spendKey = key();
        Receipt all = ledger.redeem(counter, card, 150_00, spendKey);
        Receipt retry = ledger.redeem(counter, card, 150_00, spendKey);
        assertThat(retry.replayed()).isTrue();
        assertThat(retry.transactionId()).isEqualTo(all.transactionId());
        assertThat(retry.voucherAfter()).isEqualTo(eur(0));

    }

    @Test
    void aRefusalKeepsNothingSoItsRetryMayPass() {
        jdbc.sql("update savings_merchant set status = 'SUSPENDED' where id = ?").param(merchant).update();
        String key = key();
        assertThat(refused(() -> ledger.earn(counter, card, 10_00, key)).problem()).isEqualTo(LedgerProblem.MERCHANT_SUSPENDED);
        jdbc.sql("update savings_merchant set status = 'APPROVED' where id = ?").param(merchant).update();
        Receipt accepted = ledger.earn(counter, card, 10_00, key);
        assertThat(accepted.replayed()).isFalse();
        assertThat(ledger.earn(counter, card, 10_00, key).transactionId()).isEqualTo(accepted.transactionId());
    }

    @Test
    void keysAreCheckedBeforeAnythingHappens() {
        for (String bad : new String[]{null, "", "with space", "x".repeat(101), "é"}) {
            assertThat(refused(() -> ledger.earn(counter, card, 10_00, bad)).problem())
                    .isEqualTo(LedgerProblem.INVALID_IDEMPOTENCY_KEY);
        }
        assertThat(ledger.earn(counter, card, 10_00, "A-z_0.9:" + "x".repeat(92)).amount()).isEqualTo(eur(3_33));
        assertThat(refused(() -> ledger.earn(counter, card, 0, key())).problem()).isEqualTo(LedgerProblem.INVALID_AMOUNT);
    }

    @Test
    void theProjectionFollowsTheCategoryCapButNeverBelowACardsCredit() {
        ledger.earn(counter, card, 300_00, key());   // €100 credit
        var categories = programmes.categories(tenant.id(), programme.id());

        assertThatThrownBy(() -> programmes.update(tenant.id(), programme.id(), draft(categories, 99_00, null)))
                .isInstanceOfSatisfying(Programmes.CapBelowCreditException.class, e -> {
                    assertThat(e.code()).isEqualTo("RESIDENT");
                    assertThat(e.cards()).isEqualTo(1);
                });
        assertThat(ledger.position(tenant.id(), card).orElseThrow().cap()).isEqualTo(eur(150_00));

        var changed = programmes.update(tenant.id(), programme.id(), draft(categories, 100_00,
                new Programme.Limits(50_00L, 80_00L, 5)));
        assertThat(changed).contains("categories.RESIDENT.cap", "maxPurchase", "maxDailyPurchase", "reversalWindowMinutes");
        assertThat(ledger.position(tenant.id(), card).orElseThrow().cap()).isEqualTo(eur(100_00));
        assertThat(programmes.find(tenant.id(), programme.id()).orElseThrow().limits())
                .isEqualTo(new Programme.Limits(50_00L, 80_00L, 5));
        Counter nextDoor = new Counter(tenant.id(), fixtures.merchant(tenant.id(), "Apotheek", "APPROVED"), null, null);
        assertThat(refused(() -> ledger.earn(nextDoor, card, 1_00, key())).problem()).isEqualTo(LedgerProblem.CAP_REACHED);
    }

    private Programmes.Draft draft(List<eu.localeconomy.savings.programme.Category> categories, long residentCap,
                                   Programme.Limits limits) {
        Programme p = programme;
        return new Programmes.Draft(p.season(), p.name(), p.texts(), p.rounding(), p.residentIdentifier(),
                p.enrolmentOpensOn(), p.enrolmentClosesOn(), p.earnFrom(), p.earnUntil(), p.conversionOn(),
                p.spendFrom(), p.spendUntil(), categories.stream().map(c -> new Programmes.CategoryDraft(c.id(), c.code(),
                c.names(), c.register(), c.rate(), c.code().equals("RESIDENT") ? residentCap : c.capCents())).toList(),
                limits == null ? p.limits() : limits);
    }

    @Test
    void theLedgerTablesAreAppendOnly() {
        Receipt sale = ledger.earn(counter, card, 10_00, key());
        assertThatThrownBy(() -> jdbc.sql("update savings_ledger_transaction set amount_cents = 1 where id = ?")
                .param(sale.transactionId()).update())
                .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from savings_ledger_transaction where id = ?")
                .param(sale.transactionId()).update())
                .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("update savings_ledger_entry set amount_cents = 1 where transaction_id = ?")
                .param(sale.transactionId()).update())
                .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from savings_ledger_entry where transaction_id = ?")
                .param(sale.transactionId()).update())
                .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
    }

    @Test
    void theReconciliationFindsATamperedProjection() {
        ledger.earn(counter, card, 30_00, key());
        jdbc.sql("update savings_card_balance set credit_cents = credit_cents + 1 where card_id = ?").param(card).update();

        var report = reconciliation.reconcile(tenant.id(), programme.id());
        assertThat(report.ok()).isFalse();
        assertThat(report.violations()).extracting(LedgerReconciliation.Violation::code)
                .contains("balance-differs-from-entries", "funding-differs-from-liabilities");
        jdbc.sql("update savings_card_balance set credit_cents = credit_cents - 1 where card_id = ?").param(card).update();
        assertThat(reconciliation.reconcile(tenant.id(), programme.id()).ok()).isTrue();
    }
}
