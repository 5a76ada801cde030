package eu.localeconomy.savings.terminal;

import eu.localeconomy.savings.card.Cards;
import eu.localeconomy.savings.ledger.CardPosition;
import eu.localeconomy.savings.ledger.Counter;
import eu.localeconomy.savings.ledger.Ledger;
import eu.localeconomy.savings.ledger.LedgerException;
import eu.localeconomy.savings.ledger.LedgerProblem;
import eu.localeconomy.savings.ledger.LedgerTransactions;
import eu.localeconomy.savings.ledger.Receipt;
import eu.localeconomy.savings.ledger.TransactionKind;
import eu.localeconomy.savings.merchant.Merchants;
import eu.localeconomy.savings.programme.Category;
import eu.localeconomy.savings.programme.Programme;
import eu.localeconomy.savings.programme.Programmes;
import eu.localeconomy.shared.Money;
import eu.localeconomy.shared.TenantId;
import eu.localeconomy.tenant.Tenant;
import eu.localeconomy.tenant.Tenants;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What a counter can do, written once for both doors: the device API (a cash register authenticated by its
 * credential) and the merchant app (a cashier's session plus the device's credential). It resolves the card,
 * validates the typed amounts and that an idempotency key is there, and leaves every rule about money (merchant
 * status, card status, phases, caps, limits, exactly once) to the ledger, which decides inside its transaction and
 * answers a retry of an acknowledged request with its original receipt even when the rules would now refuse it.
 */
@Service
class Terminal {

    /** Amounts travel as decimal strings with a dot and at most two decimals: exact, and what a till prints. */
    static final Pattern AMOUNT = Pattern.compile("\\d{1,8}(\\.\\d{1,2})?");
    static final int MAX_LIST = 200;

    private final CounterCards cards;
    private final Ledger ledger;
    private final LedgerTransactions transactions;
    private final Merchants merchants;
    private final Programmes programmes;
    private final Tenants tenants;
    private final Clock clock;

    Terminal(CounterCards cards, Ledger ledger, LedgerTransactions transactions, Merchants merchants,
             Programmes programmes, Tenants tenants, Clock clock) {
        this.cards = cards;
        this.ledger = ledger;
        this.transactions = transactions;
        this.merchants = merchants;
        this.programmes = programmes;
        this.tenants = tenants;
        this.clock = clock;
    }

    /** Whether one action is possible now, and if not the problem code that says why. */
    record Action(boolean allowed, String refusal) {

        static final Action OK = new Action(true, null);

        static Action refused(LedgerProblem problem) {
            return new Action(false, problem.code());
        }
    }

    /**
     * The card as the counter sees it. No name, address or category: the shop needs to know what it may do and for
     * how much, not who the customer is or where they live (a category such as "second home" would tell that).
     */
    record CardView(UUID cardId, String number, String status, String phase, Action earn, Action redeem,
                    String ratePercent, Money credit, Money cap, Money remainingCap, Money voucher, Money maxPurchase,
                    LocalDate earnUntil, LocalDate spendFrom, LocalDate spendUntil, int reversalWindowMinutes) {
    }

    /** The credit a purchase would earn now, as the confirmation screen shows it (the ledger decides again). */
    record Preview(Money purchase, Money credit, boolean capped) {
    }

    CardView lookup(Counter counter, String reference) {
        Merchants.Merchant merchant = merchant(counter);
        Cards.Card card = card(counter.tenant(), reference);
        return view(counter.tenant(), merchant, card);
    }

    Preview preview(Counter counter, String reference, String purchase) {
        Money amount = amount(counter.tenant(), purchase, "purchase");
        Cards.Card card = card(counter.tenant(), reference);
        CardView view = view(counter.tenant(), merchant(counter), card);
        Category category = category(counter.tenant(), card.id());
        long credit = category.rate().applyTo(amount.cents(), programme(counter.tenant(), card).rounding());
        long cut = Math.min(credit, view.remainingCap().cents());
        return new Preview(amount, new Money(cut, amount.currency()), cut < credit);
    }

    Receipt earn(Counter counter, String reference, String purchase, String idempotencyKey) {
        String key = key(idempotencyKey);
        Money amount = amount(counter.tenant(), purchase, "purchase");
        return ledger.earn(counter, card(counter.tenant(), reference).id(), amount.cents(), key);
    }

    Receipt redeem(Counter counter, String reference, String voucherAmount, String idempotencyKey) {
        String key = key(idempotencyKey);
        Money amount = amount(counter.tenant(), voucherAmount, "amount");
        return ledger.redeem(counter, card(counter.tenant(), reference).id(), amount.cents(), key);
    }

    Receipt reverse(Counter counter, UUID transactionId, String idempotencyKey) {
        String key = key(idempotencyKey);
        return ledger.reverse(counter, transactionId, key);
    }

    /** The merchant's own transactions only, newest first; optionally of one device. */
    List<LedgerTransactions.Line> transactions(Counter counter, LocalDate from, LocalDate to,
                                               Set<TransactionKind> kinds, UUID deviceId, int limit) {
        var filter = new LedgerTransactions.Filter(counter.merchantId(), null, from, to,
                kinds == null ? Set.of() : kinds, deviceId, null);
        return transactions.search(counter.tenant(), filter, 0, Math.clamp(limit, 1, MAX_LIST));
    }

    private CardView view(TenantId tenantId, Merchants.Merchant merchant, Cards.Card card) {
        Tenant tenant = tenant(tenantId);
        LocalDate today = LocalDate.now(clock.withZone(tenant.zone()));
        Programme programme = programme(tenantId, card);
        Category category = category(tenantId, card.id());
        CounterCards.Terms terms = cards.terms(tenantId, card.id()).orElseThrow();
        CardPosition position = ledger.position(tenantId, card.id())
                .orElseThrow(() -> new LedgerException(LedgerProblem.UNKNOWN_CARD));
        Action earn = cardAction(merchant, card);
        Action redeem = earn;
        if (earn.allowed()) {
            earn = !programme.earnOpen(today) ? Action.refused(LedgerProblem.OUTSIDE_PHASE)
                    : position.remainingCap().cents() <= 0 ? Action.refused(LedgerProblem.CAP_REACHED) : Action.OK;
            redeem = !programme.spendOpen(today) ? Action.refused(LedgerProblem.OUTSIDE_PHASE)
                    : position.voucher().cents() <= 0 ? Action.refused(LedgerProblem.INSUFFICIENT_VOUCHER) : Action.OK;
        }
        String currency = position.cap().currency();
        return new CardView(card.id(), card.number().formatted(), card.status().name(), programme.phaseOn(today).name(),
                earn, redeem, category.rate().percent(), position.credit(), position.cap(), position.remainingCap(),
                position.voucher(), terms.maxPurchaseCents() == null ? null : new Money(terms.maxPurchaseCents(), currency),
                programme.earnUntil(), programme.spendFrom(), programme.spendUntil(), terms.reversalWindowMinutes());
    }

    private static Action cardAction(Merchants.Merchant merchant, Cards.Card card) {
        if (!merchant.mayTrade()) {
            return Action.refused(LedgerProblem.MERCHANT_SUSPENDED);
        }
        return switch (card.status()) {
            case ACTIVE -> Action.OK;
            case BLOCKED -> Action.refused(LedgerProblem.CARD_BLOCKED);
            case CREATED, ISSUED -> Action.refused(LedgerProblem.CARD_NOT_ACTIVE);
        };
    }

    /** The counter's merchant, which must be allowed to trade for anything to happen. */
    private Merchants.Merchant merchant(Counter counter) {
        Merchants.Merchant merchant = merchants.find(counter.tenant(), counter.merchantId())
                .orElseThrow(() -> new LedgerException(LedgerProblem.MERCHANT_SUSPENDED));
        if (!merchant.mayTrade()) {
            throw new LedgerException(LedgerProblem.MERCHANT_SUSPENDED);
        }
        return merchant;
    }

    private Cards.Card card(TenantId tenant, String reference) {
        return cards.resolve(tenant, reference).orElseThrow(() -> new LedgerException(LedgerProblem.UNKNOWN_CARD));
    }

    private Programme programme(TenantId tenant, Cards.Card card) {
        return programmes.find(tenant, card.programmeId()).orElseThrow();
    }

    private Category category(TenantId tenant, UUID cardId) {
        UUID categoryId = cards.terms(tenant, cardId).orElseThrow().categoryId();
        return programmes.category(tenant, categoryId).orElseThrow();
    }

    private Tenant tenant(TenantId tenant) {
        return tenants.findById(tenant).orElseThrow();
    }

    private Money amount(TenantId tenant, String typed, String field) {
        if (typed == null || !AMOUNT.matcher(typed.strip()).matches()) {
            throw TerminalException.invalidAmount(field);
        }
        Money money = Money.parse(typed.strip(), tenant(tenant).currency());
        if (money.cents() <= 0) {
            throw new LedgerException(LedgerProblem.INVALID_AMOUNT);
        }
        return money;
    }

    private static String key(String idempotencyKey) {
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            throw new TerminalException(HttpStatus.BAD_REQUEST, "idempotency-key-missing", null);
        }
        // Its form (1 to 100 of letters, digits, _ . : -) is the ledger's to check: invalid-idempotency-key.
        return idempotencyKey;
    }
}
