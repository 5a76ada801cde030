package eu.localeconomy.savings.ledger;

import eu.localeconomy.savings.programme.Rate;
import eu.localeconomy.savings.programme.Rounding;
import eu.localeconomy.shared.Money;
import eu.localeconomy.shared.TenantId;
import eu.localeconomy.shared.UserId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The only way value moves on a savings card. Each call is one database transaction that locks the card's balance
 * row (writes to one card are serialised), checks the programme's phase on the tenant's business date and its limits,
 * inserts the transaction (its idempotency key is a unique constraint), its balanced entries and the new balances.
 * A retry with the same key and the same request returns the original receipt; with another request it is refused
 * ({@link LedgerProblem#IDEMPOTENCY_CONFLICT}).
 */
@Service
public class Ledger {

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.:-]{1,100}");

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    Ledger(JdbcClient jdbc, TransactionTemplate transactions, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Registers a purchase in the earn window: credit = purchase × the category's rate, cut at the card's cap. */
    public Receipt earn(Counter counter, UUID cardId, long purchaseCents, String idempotencyKey) {
        Request request = atCounter(counter, TransactionKind.EARN, cardId, purchaseCents, idempotencyKey);
        return inTransaction(() -> {
            CardState card = lockAtCounter(request, cardId);
            LocalDate today = card.businessDate(clock);
            if (!card.earnOpen(today)) {
                return refuse(request, LedgerProblem.OUTSIDE_PHASE, card.phaseDetails(today, card.earnFrom, card.earnUntil));
            }
            if (card.maxPurchase != null && purchaseCents > card.maxPurchase) {
                return refuse(request, LedgerProblem.LIMIT_EXCEEDED, Map.of("limit", money(card.maxPurchase, card),
                        "already", money(0, card), "per", "transaction"));
            }
            if (card.maxDailyPurchase != null) {
                long already = purchasedToday(counter, cardId, today);
                if (already + purchaseCents > card.maxDailyPurchase) {
                    return refuse(request, LedgerProblem.LIMIT_EXCEEDED, Map.of("limit",
                            money(card.maxDailyPurchase, card), "already", money(already, card), "per", "day"));
                }
            }
            long remaining = card.cap - card.credit;
            if (remaining <= 0) {
                return refuse(request, LedgerProblem.CAP_REACHED, Map.of("cap", money(card.cap, card)));
            }
            long credit = card.rate.applyTo(purchaseCents, card.rounding);
            boolean capped = credit > remaining;
            credit = Math.min(credit, remaining);
            var posting = new Posting(TransactionKind.EARN, cardId, card.programmeId, counter.merchantId(),
                    counter.deviceId(), counter.cashier(), null, purchaseCents, credit, capped, null, null, today);
            posting.entry(Account.CARD_CREDIT, cardId, credit).entry(Account.PROGRAMME_FUNDING, card.programmeId, -credit);
            return post(request, card, posting, credit, 0);
        });
    }

    /** Spends part or all of the card's voucher at the merchant in the spend window. */
    public Receipt redeem(Counter counter, UUID cardId, long amountCents, String idempotencyKey) {
        Request request = atCounter(counter, TransactionKind.REDEEM, cardId, amountCents, idempotencyKey);
        return inTransaction(() -> {
            CardState card = lockAtCounter(request, cardId);
            LocalDate today = card.businessDate(clock);
            if (!card.spendOpen(today)) {
                return refuse(request, LedgerProblem.OUTSIDE_PHASE, card.phaseDetails(today, card.spendFrom, card.spendUntil));
            }
            if (amountCents > card.voucher) {
                return refuse(request, LedgerProblem.INSUFFICIENT_VOUCHER, Map.of("balance", money(card.voucher, card)));
            }
            var posting = new Posting(TransactionKind.REDEEM, cardId, card.programmeId, counter.merchantId(),
                    counter.deviceId(), counter.cashier(), null, null, amountCents, false, null, null, today);
            posting.entry(Account.CARD_VOUCHER, cardId, -amountCents).entry(Account.MERCHANT_PAYABLE, counter.merchantId(), amountCents);
            return post(request, card, posting, 0, -amountCents);
        });
    }

    /** The merchant undoes one of its own EARN or REDEEM transactions, in full, within the reversal window. */
    public Receipt reverse(Counter counter, UUID transactionId, String idempotencyKey) {
        requireKey(idempotencyKey);
        Request request = new Request(counter.tenant(), counter.merchantId(), idempotencyKey,
                hash(TransactionKind.REVERSAL, null, 0, transactionId));
        return inTransaction(() -> {
            Original original = original(counter.tenant(), transactionId);
            if (original == null || !counter.merchantId().equals(original.merchantId)) {
                return refuse(request, LedgerProblem.UNKNOWN_TRANSACTION, Map.of());
            }
            if (original.kind != TransactionKind.EARN && original.kind != TransactionKind.REDEEM) {
                return refuse(request, LedgerProblem.NOT_REVERSIBLE, Map.of("kind", original.kind.name()));
            }
            CardState card = lockCard(request, original.cardId);
            refuseUnlessMerchantApproved(request, card.merchantStatus);
            Instant closes = original.at.plusSeconds(60L * card.reversalWindowMinutes);
            if (clock.instant().isAfter(closes)) {
                return refuse(request, LedgerProblem.REVERSAL_WINDOW_CLOSED,
                        Map.of("minutes", card.reversalWindowMinutes, "closedAt", closes.toString()));
            }
            long left = original.amount - compensated(counter.tenant(), transactionId);
            if (left <= 0 && compensatedAtAll(counter.tenant(), transactionId)) {
                return refuse(request, LedgerProblem.ALREADY_REVERSED, Map.of());
            }
            var posting = new Posting(TransactionKind.REVERSAL, original.cardId, card.programmeId, counter.merchantId(),
                    counter.deviceId(), counter.cashier(), null, null, left, false, transactionId, null,
                    card.businessDate(clock));
            return compensate(request, card, original, posting, left);
        });
    }

    /**
     * The city compensates a transaction (all of it or the part not yet compensated, capped by the original) with a
     * reason, at any time.
     */
    public Receipt correct(TenantId tenant, UserId staff, UUID transactionId, long amountCents, String reason,
                           String idempotencyKey) {
        requireKey(idempotencyKey);
        if (reason == null || reason.isBlank() || reason.strip().length() > 500) {
            throw new LedgerException(LedgerProblem.REASON_REQUIRED);
        }
        if (amountCents <= 0) {
            throw new LedgerException(LedgerProblem.INVALID_AMOUNT);
        }
        return inTransaction(() -> {
            Original original = original(tenant, transactionId);
            // Keys of corrections live in the corrected merchant's scope, like the merchant's own reversals.
            Request request = new Request(tenant, original == null ? null : original.merchantId, idempotencyKey,
                    hash(TransactionKind.CORRECTION, null, amountCents, transactionId));
            if (original == null) {
                return refuse(request, LedgerProblem.UNKNOWN_TRANSACTION, Map.of());
            }
            if (original.kind != TransactionKind.EARN && original.kind != TransactionKind.REDEEM) {
                return refuse(request, LedgerProblem.NOT_REVERSIBLE, Map.of("kind", original.kind.name()));
            }
            CardState card = lockCard(request, original.cardId);
            long left = original.amount - compensated(tenant, transactionId);
            if (left <= 0) {
                return refuse(request, LedgerProblem.ALREADY_REVERSED, Map.of());
            }
            if (amountCents > left) {
                return refuse(request, LedgerProblem.INVALID_AMOUNT, Map.of("remaining", money(left, card)));
            }
            var posting = new Posting(TransactionKind.CORRECTION, original.cardId, card.programmeId,
                    original.merchantId, null, null, staff, null, amountCents, false, transactionId, reason.strip(),
                    card.businessDate(clock));
            return compensate(request, card, original, posting, amountCents);
        });
    }

    /** The card's balances; empty when the tenant has no such card. A card never used shows zero with its cap. */
    public Optional<CardPosition> position(TenantId tenant, UUID cardId) {
        return jdbc.sql("""
                        select coalesce(b.credit_cents, 0) credit, coalesce(b.voucher_cents, 0) voucher,
                            coalesce(b.cap_cents, cat.cap_cents) cap, coalesce(b.currency, t.currency) currency
                        from savings_card c
                        join savings_household h on h.tenant_id = c.tenant_id and h.id = c.household_id
                        join savings_category cat on cat.tenant_id = h.tenant_id and cat.id = h.category_id
                        join tenant t on t.id = c.tenant_id
                        left join savings_card_balance b on b.card_id = c.id
                        where c.tenant_id = ? and c.id = ?""")
                .params(tenant.value(), cardId)
                .query((rs, row) -> {
                    String currency = rs.getString("currency").trim();
                    return new CardPosition(new Money(rs.getLong("credit"), currency),
                            new Money(rs.getLong("voucher"), currency), new Money(rs.getLong("cap"), currency));
                })
                .optional();
    }

    // ---- posting

    private Receipt compensate(Request request, CardState card, Original original, Posting posting, long amount) {
        if (amount == 0) {
            return post(request, card, posting, 0, 0);
        }
        if (original.kind == TransactionKind.REDEEM) {
            posting.entry(Account.CARD_VOUCHER, original.cardId, amount)
                    .entry(Account.MERCHANT_PAYABLE, original.merchantId, -amount);
            return post(request, card, posting, 0, amount);
        }
        // An earn whose credit was converted meanwhile is compensated from the voucher it became.
        if (convertedSince(request.tenant, original)) {
            if (card.voucher < amount) {
                return refuse(request, LedgerProblem.INSUFFICIENT_VOUCHER, Map.of("balance", money(card.voucher, card)));
            }
            posting.entry(Account.CARD_VOUCHER, original.cardId, -amount)
                    .entry(Account.PROGRAMME_FUNDING, card.programmeId, amount);
            return post(request, card, posting, 0, -amount);
        }
        posting.entry(Account.CARD_CREDIT, original.cardId, -amount)
                .entry(Account.PROGRAMME_FUNDING, card.programmeId, amount);
        return post(request, card, posting, -amount, 0);
    }

    /**
     * Inserts the transaction, its entries and the new balances in one statement. The unique idempotency key decides:
     * when a transaction with the key exists (or is being committed by a concurrent retry, which the index makes us
     * wait for), nothing is written and the existing one answers.
     */
    private Receipt post(Request request, CardState card, Posting p, long creditDelta, long voucherDelta) {
        UUID id = UUID.randomUUID();
        // As PostgreSQL keeps it, so that a replayed receipt shows the same moment.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<Object> params = new ArrayList<>(List.of(id, request.tenant.value(), p.programmeId, p.kind.name(), p.cardId));
        params.add(p.merchantId);
        params.add(p.deviceId);
        params.add(p.cashier == null ? null : p.cashier.value());
        params.add(p.actor == null ? null : p.actor.value());
        params.add(p.purchase);
        params.add(p.amount);
        params.add(p.capped);
        params.add(p.reversesId);
        params.add(p.reason);
        params.add(request.key);
        params.add(request.hash);
        params.add(card.currency);
        params.add(p.businessDate);
        params.add(Timestamp.from(now));
        params.add(card.credit + creditDelta);
        params.add(card.voucher + voucherDelta);
        StringBuilder sql = new StringBuilder("""
                with t as (
                    insert into savings_ledger_transaction (id, tenant_id, programme_id, kind, card_id, merchant_id,
                        device_id, cashier_id, actor_id, purchase_cents, amount_cents, capped, reverses_id, reason,
                        idempotency_key, request_hash, currency, business_date, created_at, credit_after_cents,
                        voucher_after_cents)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    on conflict (tenant_id, merchant_id, idempotency_key) do nothing
                    returning id, tenant_id)""");
        if (!p.entries.isEmpty()) {
            sql.append("""
                    , e as (
                        insert into savings_ledger_entry (tenant_id, transaction_id, account, owner_id, amount_cents)
                        select t.tenant_id, t.id, v.account, v.owner_id, v.amount from t cross join (values\s""");
            for (int i = 0; i < p.entries.size(); i++) {
                Entry entry = p.entries.get(i);
                sql.append(i == 0 ? "" : ", ").append("(?, cast(? as uuid), cast(? as bigint))");
                params.add(entry.account.name());
                params.add(entry.owner);
                params.add(entry.amount);
            }
            sql.append(") v (account, owner_id, amount))");
        }
        sql.append("""
                , b as (
                    update savings_card_balance set credit_cents = credit_cents + ?, voucher_cents = voucher_cents + ?,
                        updated_at = ?
                    where card_id = ? and exists (select 1 from t))
                select id from t""");
        params.add(creditDelta);
        params.add(voucherDelta);
        params.add(Timestamp.from(now));
        params.add(p.cardId);
        Optional<UUID> inserted = jdbc.sql(sql.toString()).params(params).query(UUID.class).optional();
        if (inserted.isEmpty()) {
            return existing(request).orElseThrow(() -> new IllegalStateException("idempotency key vanished"));
        }
        return new Receipt(id, p.kind, p.cardId, card.number, p.merchantId,
                p.purchase == null ? null : money(p.purchase, card), money(p.amount, card), p.capped,
                money(card.credit + creditDelta, card), money(card.voucher + voucherDelta, card), p.reversesId, now,
                false);
    }

    /**
     * A refusal, unless the key was already used: then the earlier transaction answers (a retry of a request that
     * succeeded may well be refused on today's balances, e.g. a redemption of the whole voucher).
     */
    private Receipt refuse(Request request, LedgerProblem problem, Map<String, Object> details) {
        Optional<Receipt> earlier = request.merchantId == null && problem == LedgerProblem.UNKNOWN_TRANSACTION
                ? Optional.empty() : existing(request);
        if (earlier.isPresent()) {
            throw new Replay(earlier.get());
        }
        throw new LedgerException(problem, details);
    }

    /** Unwinds the checks when the request turns out to be a retry; nothing was written. */
    private static final class Replay extends RuntimeException {
        final transient Receipt receipt;

        Replay(Receipt receipt) {
            super(null, null, false, false);
            this.receipt = receipt;
        }
    }

    /** A counter's earn or redeem request: a well-formed key and a positive amount, or nothing is tried. */
    private static Request atCounter(Counter counter, TransactionKind kind, UUID cardId, long cents, String key) {
        requireKey(key);
        if (cents <= 0) {
            throw new LedgerException(LedgerProblem.INVALID_AMOUNT);
        }
        return new Request(counter.tenant(), counter.merchantId(), key, hash(kind, cardId, cents, null));
    }

    /** Locks the card for a counter: it must exist in the tenant and be active, and the merchant approved. */
    private CardState lockAtCounter(Request request, UUID cardId) {
        CardState card = lockCard(request, cardId);
        if (card == null) {
            refuse(request, LedgerProblem.UNKNOWN_CARD, Map.of()); // always throws
        }
        refuseUnlessCardActive(request, card);
        refuseUnlessMerchantApproved(request, card.merchantStatus);
        return card;
    }

    private void refuseUnlessCardActive(Request request, CardState card) {
        switch (card.status) {
            case "ACTIVE" -> {
            }
            case "BLOCKED" -> refuse(request, LedgerProblem.CARD_BLOCKED, Map.of());
            default -> refuse(request, LedgerProblem.CARD_NOT_ACTIVE, Map.of());
        }
    }

    private void refuseUnlessMerchantApproved(Request request, String merchantStatus) {
        if (!"APPROVED".equals(merchantStatus)) {
            refuse(request, LedgerProblem.MERCHANT_SUSPENDED, Map.of());
        }
    }

    /** The transaction already recorded under the request's key: its original receipt, or a conflict. */
    private Optional<Receipt> existing(Request request) {
        // "merchant_id = ?" (or "is null"), not "is not distinct from": only those let the unique index answer.
        String sql = """
                select x.*, c.number from savings_ledger_transaction x join savings_card c on c.id = x.card_id
                where x.tenant_id = ? and x.idempotency_key = ?"""
                + (request.merchantId == null ? " and x.merchant_id is null" : " and x.merchant_id = ?");
        List<Object> params = new ArrayList<>(List.of(request.tenant.value(), request.key));
        if (request.merchantId != null) {
            params.add(request.merchantId);
        }
        return jdbc.sql(sql)
                .params(params)
                .query((rs, row) -> {
                    if (!rs.getString("request_hash").equals(request.hash)) {
                        throw new LedgerException(LedgerProblem.IDEMPOTENCY_CONFLICT);
                    }
                    return replay(rs);
                })
                .optional();
    }

    private Receipt replay(ResultSet rs) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        UUID cardId = rs.getObject("card_id", UUID.class);
        String currency = rs.getString("currency").trim();
        long creditAfter = rs.getLong("credit_after_cents");
        boolean recorded = !rs.wasNull();
        long voucherAfter = rs.getLong("voucher_after_cents");
        // Rows without them: the balances right after it are the card's entries up to its own (one card's writes are
        // serialised, so entry ids follow the order in which they were committed).
        long[] after = recorded ? new long[]{creditAfter, voucherAfter} : jdbc.sql("""
                        select coalesce(sum(amount_cents) filter (where account = 'CARD_CREDIT'), 0) credit,
                            coalesce(sum(amount_cents) filter (where account = 'CARD_VOUCHER'), 0) voucher
                        from savings_ledger_entry
                        where account in ('CARD_CREDIT', 'CARD_VOUCHER') and owner_id = ?
                          and id <= coalesce((select max(id) from savings_ledger_entry where transaction_id = ?),
                              (select max(e.id) from savings_ledger_entry e
                               join savings_ledger_transaction x on x.id = e.transaction_id
                               where x.card_id = ? and x.created_at <= ?), 0)""")
                .params(cardId, id, cardId, rs.getTimestamp("created_at"))
                .query((r, n) -> new long[]{r.getLong("credit"), r.getLong("voucher")}).single();
        long purchase = rs.getLong("purchase_cents");
        boolean hasPurchase = !rs.wasNull();
        return new Receipt(id, TransactionKind.valueOf(rs.getString("kind")), cardId, rs.getString("number"),
                rs.getObject("merchant_id", UUID.class),
                hasPurchase ? new Money(purchase, currency) : null, new Money(rs.getLong("amount_cents"), currency),
                rs.getBoolean("capped"), new Money(after[0], currency), new Money(after[1], currency),
                rs.getObject("reverses_id", UUID.class), rs.getTimestamp("created_at").toInstant(), true);
    }

    // ---- reading under the lock

    /**
     * Locks the card's balance row (made on first use, with the cap of the household's category) and reads what the
     * checks need. Null when the tenant has no such card.
     */
    private CardState lockCard(Request request, UUID cardId) {
        CardState state = selectForUpdate(request, cardId);
        if (state != null) {
            if (state.keyUsed) {
                // A retry: answered at once, before checks that today's balances might fail. The unique index, not
                // this look-up, keeps the key once: a retry racing its original is caught when inserting.
                throw existing(request).map(Replay::new).orElseThrow();
            }
            return state;
        }
        int made = jdbc.sql("""
                        insert into savings_card_balance (card_id, tenant_id, programme_id, cap_cents, currency, updated_at)
                        select c.id, c.tenant_id, c.programme_id, cat.cap_cents, t.currency, ?
                        from savings_card c
                        join savings_household h on h.tenant_id = c.tenant_id and h.id = c.household_id
                        join savings_category cat on cat.tenant_id = h.tenant_id and cat.id = h.category_id
                        join tenant t on t.id = c.tenant_id
                        where c.tenant_id = ? and c.id = ?
                        on conflict (card_id) do nothing""")
                .params(Timestamp.from(clock.instant()), request.tenant.value(), cardId).update();
        return made == 0 && !cardExists(request.tenant, cardId) ? null : selectForUpdate(request, cardId);
    }

    private boolean cardExists(TenantId tenant, UUID cardId) {
        return jdbc.sql("select exists (select 1 from savings_card where tenant_id = ? and id = ?)")
                .params(tenant.value(), cardId).query(Boolean.class).single();
    }

    private CardState selectForUpdate(Request request, UUID cardId) {
        String keyUsed = request.merchantId == null ? "false" : """
                exists (select 1 from savings_ledger_transaction k
                        where k.tenant_id = b.tenant_id and k.merchant_id = m.id and k.idempotency_key = ?)""";
        List<Object> params = new ArrayList<>();
        if (request.merchantId != null) {
            params.add(request.key);
        }
        params.add(request.merchantId);
        params.add(request.tenant.value());
        params.add(cardId);
        return jdbc.sql("""
                        select b.credit_cents, b.voucher_cents, b.cap_cents, b.currency, c.programme_id, c.number, c.status,
                            p.earn_from, p.earn_until, p.spend_from, p.spend_until, p.rounding, p.max_purchase_cents,
                            p.max_daily_purchase_cents, p.reversal_window_minutes, cat.rate_numerator,
                            cat.rate_denominator, t.time_zone, m.status merchant_status, %s key_used
                        from savings_card_balance b
                        join savings_card c on c.tenant_id = b.tenant_id and c.id = b.card_id
                        join savings_household h on h.tenant_id = c.tenant_id and h.id = c.household_id
                        join savings_category cat on cat.tenant_id = h.tenant_id and cat.id = h.category_id
                        join savings_programme p on p.tenant_id = c.tenant_id and p.id = c.programme_id
                        join tenant t on t.id = b.tenant_id
                        left join savings_merchant m on m.tenant_id = b.tenant_id and m.id = ?
                        where b.tenant_id = ? and b.card_id = ?
                        for update of b""".formatted(keyUsed))
                .params(params)
                .query(CardState::new).optional().orElse(null);
    }

    private long purchasedToday(Counter counter, UUID cardId, LocalDate today) {
        // Purchases reversed in full no longer count.
        return jdbc.sql("""
                        select coalesce(sum(x.purchase_cents), 0) from savings_ledger_transaction x
                        where x.card_id = ? and x.business_date = ? and x.tenant_id = ? and x.merchant_id = ?
                          and x.kind = 'EARN'
                          and not exists (select 1 from savings_ledger_transaction r
                                          where r.reverses_id = x.id and r.kind = 'REVERSAL')""")
                .params(cardId, today, counter.tenant().value(), counter.merchantId()).query(Long.class).single();
    }

    private Original original(TenantId tenant, UUID transactionId) {
        return jdbc.sql("""
                        select kind, card_id, merchant_id, amount_cents, created_at from savings_ledger_transaction
                        where tenant_id = ? and id = ?""")
                .params(tenant.value(), transactionId)
                .query((rs, row) -> new Original(transactionId, TransactionKind.valueOf(rs.getString("kind")),
                        rs.getObject("card_id", UUID.class), rs.getObject("merchant_id", UUID.class),
                        rs.getLong("amount_cents"), rs.getTimestamp("created_at").toInstant()))
                .optional().orElse(null);
    }

    private long compensated(TenantId tenant, UUID transactionId) {
        return jdbc.sql("select coalesce(sum(amount_cents), 0) from savings_ledger_transaction where tenant_id = ? and reverses_id = ?")
                .params(tenant.value(), transactionId).query(Long.class).single();
    }

    private boolean compensatedAtAll(TenantId tenant, UUID transactionId) {
        return jdbc.sql("select exists (select 1 from savings_ledger_transaction where tenant_id = ? and reverses_id = ?)")
                .params(tenant.value(), transactionId).query(Boolean.class).single();
    }

    private boolean convertedSince(TenantId tenant, Original original) {
        return jdbc.sql("""
                        select exists (select 1 from savings_ledger_transaction
                                       where tenant_id = ? and card_id = ? and kind = 'CONVERSION' and created_at >= ?)""")
                .params(tenant.value(), original.cardId, Timestamp.from(original.at)).query(Boolean.class).single();
    }

    // ---- helpers

    private Receipt inTransaction(java.util.function.Supplier<Receipt> work) {
        try {
            return transactions.execute(status -> work.get());
        } catch (Replay replay) {
            return replay.receipt;
        }
    }

    private static void requireKey(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new LedgerException(LedgerProblem.INVALID_IDEMPOTENCY_KEY);
        }
    }

    /** SHA-256 of the request's meaningful fields, so that the same key with another request is recognised. */
    static String hash(TransactionKind kind, UUID cardId, long amount, UUID reverses) {
        String text = kind.name() + "|" + cardId + "|" + amount + "|" + reverses;
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Money money(long cents, CardState card) {
        return new Money(cents, card.currency);
    }

    private record Request(TenantId tenant, UUID merchantId, String key, String hash) {
    }

    private record Original(UUID id, TransactionKind kind, UUID cardId, UUID merchantId, long amount, Instant at) {
    }

    enum Account { CARD_CREDIT, CARD_VOUCHER, MERCHANT_PAYABLE, PROGRAMME_FUNDING }

    private record Entry(Account account, UUID owner, long amount) {
    }

    /** A transaction about to be written, with its entries (zero amounts are not written). */
    private static final class Posting {
        final TransactionKind kind;
        final UUID cardId;
        final UUID programmeId;
        final UUID merchantId;
        final UUID deviceId;
        final UserId cashier;
        final UserId actor;
        final Long purchase;
        final long amount;
        final boolean capped;
        final UUID reversesId;
        final String reason;
        final LocalDate businessDate;
        final List<Entry> entries = new ArrayList<>();

        Posting(TransactionKind kind, UUID cardId, UUID programmeId, UUID merchantId, UUID deviceId, UserId cashier,
                UserId actor, Long purchase, long amount, boolean capped, UUID reversesId, String reason,
                LocalDate businessDate) {
            this.kind = kind;
            this.cardId = cardId;
            this.programmeId = programmeId;
            this.merchantId = merchantId;
            this.deviceId = deviceId;
            this.cashier = cashier;
            this.actor = actor;
            this.purchase = purchase;
            this.amount = amount;
            this.capped = capped;
            this.reversesId = reversesId;
            this.reason = reason;
            this.businessDate = businessDate;
        }

        Posting entry(Account account, UUID owner, long cents) {
            if (cents != 0) {
                entries.add(new Entry(account, owner, cents));
            }
            return this;
        }
    }

    /** The locked balance row with the card, its programme and category, and the merchant's status. */
    private static final class CardState {
        final long credit;
        final long voucher;
        final long cap;
        final String currency;
        final UUID programmeId;
        final String number;
        final String status;
        final LocalDate earnFrom;
        final LocalDate earnUntil;
        final LocalDate spendFrom;
        final LocalDate spendUntil;
        final Rounding rounding;
        final Long maxPurchase;
        final Long maxDailyPurchase;
        final int reversalWindowMinutes;
        final Rate rate;
        final ZoneId zone;
        final String merchantStatus;
        final boolean keyUsed;

        CardState(ResultSet rs, int row) throws SQLException {
            credit = rs.getLong("credit_cents");
            voucher = rs.getLong("voucher_cents");
            cap = rs.getLong("cap_cents");
            currency = rs.getString("currency").trim();
            programmeId = rs.getObject("programme_id", UUID.class);
            number = rs.getString("number");
            status = rs.getString("status");
            earnFrom = rs.getObject("earn_from", LocalDate.class);
            earnUntil = rs.getObject("earn_until", LocalDate.class);
            spendFrom = rs.getObject("spend_from", LocalDate.class);
            spendUntil = rs.getObject("spend_until", LocalDate.class);
            rounding = Rounding.valueOf(rs.getString("rounding"));
            maxPurchase = rs.getObject("max_purchase_cents", Long.class);
            maxDailyPurchase = rs.getObject("max_daily_purchase_cents", Long.class);
            reversalWindowMinutes = rs.getInt("reversal_window_minutes");
            rate = new Rate(rs.getInt("rate_numerator"), rs.getInt("rate_denominator"));
            zone = ZoneId.of(rs.getString("time_zone"));
            merchantStatus = rs.getString("merchant_status");
            keyUsed = rs.getBoolean("key_used");
        }

        LocalDate businessDate(Clock clock) {
            return LocalDate.now(clock.withZone(zone));
        }

        boolean earnOpen(LocalDate today) {
            return !today.isBefore(earnFrom) && !today.isAfter(earnUntil);
        }

        boolean spendOpen(LocalDate today) {
            return !today.isBefore(spendFrom) && !today.isAfter(spendUntil);
        }

        Map<String, Object> phaseDetails(LocalDate today, LocalDate from, LocalDate until) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("phase", earnOpen(today) ? "EARN" : spendOpen(today) ? "SPEND"
                    : today.isBefore(earnFrom) ? "NOT_STARTED" : today.isAfter(spendUntil) ? "ENDED" : "CONVERSION");
            details.put("today", today.toString());
            details.put("from", from.toString());
            details.put("until", until.toString());
            return details;
        }
    }
}
