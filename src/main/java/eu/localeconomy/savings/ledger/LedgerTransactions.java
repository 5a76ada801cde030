package eu.localeconomy.savings.ledger;

import eu.localeconomy.shared.ActorNames;
import eu.localeconomy.shared.Money;
import eu.localeconomy.shared.TenantId;
import eu.localeconomy.shared.UserId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/** Reading the ledger's transactions: lists with filters and totals for the counter, the merchant portal and the city. */
@Service
public class LedgerTransactions {

    /**
     * Every field is optional (null or empty: no filter). Dates are business dates, both inclusive.
     */
    public record Filter(UUID merchantId, UUID cardId, LocalDate from, LocalDate to, Set<TransactionKind> kinds,
                         UUID deviceId, UserId cashier) {

        public static Filter ofMerchant(UUID merchantId) {
            return new Filter(merchantId, null, null, null, Set.of(), null, null);
        }
    }

    /**
     * One transaction as listed.
     *
     * @param compensated for EARN and REDEEM: the total reversed or corrected so far
     */
    public record Line(UUID id, TransactionKind kind, Instant at, LocalDate businessDate, UUID cardId,
                       String cardNumber, UUID merchantId, String merchantName, UUID deviceId, String deviceName,
                       UserId cashierId, String cashierName, Money purchase, Money amount, boolean capped,
                       UUID reversesId, Money compensated, String reason) {

        Line withCashierName(String name) {
            return new Line(id, kind, at, businessDate, cardId, cardNumber, merchantId, merchantName, deviceId,
                    deviceName, cashierId, name, purchase, amount, capped, reversesId, compensated, reason);
        }
    }

    /**
     * Totals over a filter: purchases registered, credit earned, vouchers redeemed, compensations, and what the city
     * owes the merchant for vouchers redeemed (redeemed minus compensated redemptions).
     */
    public record Totals(long count, Money purchases, Money earned, Money redeemed, Money compensated,
                         Money owedToMerchant) {
    }

    private static final String SELECT = """
            select x.id, x.kind, x.created_at, x.business_date, x.card_id, c.number card_number, x.merchant_id,
                m.business_name merchant_name, x.device_id, d.name device_name, x.cashier_id,
                x.purchase_cents, x.amount_cents, x.capped,
                x.reverses_id, x.reason, x.currency,
                (select coalesce(sum(r.amount_cents), 0) from savings_ledger_transaction r
                 where r.reverses_id = x.id and r.tenant_id = x.tenant_id) compensated
            from savings_ledger_transaction x
            join savings_card c on c.tenant_id = x.tenant_id and c.id = x.card_id
            left join savings_merchant m on m.tenant_id = x.tenant_id and m.id = x.merchant_id
            left join savings_merchant_device d on d.tenant_id = x.tenant_id and d.id = x.device_id
            """;

    private final JdbcClient jdbc;
    private final JdbcTemplate streaming;
    private final TransactionTemplate transactions;
    // Cashiers' names come from the account module, which owns the accounts.
    private final ActorNames names;

    LedgerTransactions(JdbcClient jdbc, DataSource dataSource, TransactionTemplate transactions, ActorNames names) {
        this.jdbc = jdbc;
        this.names = names;
        this.streaming = new JdbcTemplate(dataSource);
        // PostgreSQL reads with a cursor in batches (instead of the whole result) inside a transaction.
        this.streaming.setFetchSize(1_000);
        this.transactions = transactions;
    }

    /** Newest first. */
    public List<Line> search(TenantId tenant, Filter filter, int offset, int limit) {
        Where where = where(tenant, filter);
        List<Object> params = new ArrayList<>(where.params);
        params.add(Math.max(0, limit));
        params.add(Math.max(0, offset));
        return named(tenant, jdbc.sql(SELECT + where.sql + " order by x.created_at desc, x.id desc limit ? offset ?")
                .params(params).query(LedgerTransactions::line).list());
    }

    /** One transaction of the tenant. */
    public Optional<Line> find(TenantId tenant, UUID id) {
        return jdbc.sql(SELECT + " where x.tenant_id = ? and x.id = ?").params(tenant.value(), id)
                .query(LedgerTransactions::line).optional().map(line -> named(tenant, List.of(line)).getFirst());
    }

    /** The transactions that compensated one, oldest first. */
    public List<Line> compensations(TenantId tenant, UUID id) {
        return named(tenant, jdbc.sql(SELECT + " where x.tenant_id = ? and x.reverses_id = ? order by x.created_at, x.id")
                .params(tenant.value(), id).query(LedgerTransactions::line).list());
    }

    public Totals totals(TenantId tenant, Filter filter) {
        Where where = where(tenant, filter);
        String currency = jdbc.sql("select currency from tenant where id = ?").param(tenant.value())
                .query(String.class).single().trim();
        return jdbc.sql("""
                        select count(*) n,
                            coalesce(sum(x.purchase_cents) filter (where x.kind = 'EARN'), 0) purchases,
                            coalesce(sum(x.amount_cents) filter (where x.kind = 'EARN'), 0) earned,
                            coalesce(sum(x.amount_cents) filter (where x.kind = 'REDEEM'), 0) redeemed,
                            coalesce(sum(x.amount_cents) filter (where x.kind in ('REVERSAL', 'CORRECTION')), 0) compensated,
                            coalesce(sum(x.amount_cents) filter (where x.kind in ('REVERSAL', 'CORRECTION')
                                and o.kind = 'REDEEM'), 0) redeem_compensated
                        from savings_ledger_transaction x
                        left join savings_ledger_transaction o on o.tenant_id = x.tenant_id and o.id = x.reverses_id
                        """ + where.sql)
                .params(where.params)
                .query((rs, row) -> new Totals(rs.getLong("n"), new Money(rs.getLong("purchases"), currency),
                        new Money(rs.getLong("earned"), currency), new Money(rs.getLong("redeemed"), currency),
                        new Money(rs.getLong("compensated"), currency),
                        new Money(rs.getLong("redeemed") - rs.getLong("redeem_compensated"), currency)))
                .single();
    }

    /** Every matching line, oldest first, without holding them all in memory (exports). */
    public void forEach(TenantId tenant, Filter filter, Consumer<Line> consumer) {
        Where where = where(tenant, filter);
        // A shop has a handful of cashiers: each name is looked up once per export, not once per line.
        Map<UUID, String> known = new HashMap<>();
        transactions.executeWithoutResult(status -> streaming.query(SELECT + where.sql + " order by x.created_at, x.id",
                rs -> {
                    Line line = line(rs, 0);
                    UserId cashier = line.cashierId();
                    consumer.accept(cashier == null ? line : line.withCashierName(known.computeIfAbsent(cashier.value(),
                            id -> names.namesOf(tenant, List.of(id)).get(id))));
                }, where.params.toArray()));
    }

    /** The lines with their cashiers' names, looked up together. */
    private List<Line> named(TenantId tenant, List<Line> lines) {
        Set<UUID> cashiers = new HashSet<>();
        lines.forEach(l -> {
            if (l.cashierId() != null) {
                cashiers.add(l.cashierId().value());
            }
        });
        if (cashiers.isEmpty()) {
            return lines;
        }
        Map<UUID, String> byId = names.namesOf(tenant, cashiers);
        return lines.stream().map(l -> l.cashierId() == null ? l : l.withCashierName(byId.get(l.cashierId().value())))
                .toList();
    }

    private record Where(String sql, List<Object> params) {
    }

    private static Where where(TenantId tenant, Filter filter) {
        StringBuilder sql = new StringBuilder(" where x.tenant_id = ?");
        List<Object> params = new ArrayList<>();
        params.add(tenant.value());
        if (filter.merchantId() != null) {
            sql.append(" and x.merchant_id = ?");
            params.add(filter.merchantId());
        }
        if (filter.cardId() != null) {
            sql.append(" and x.card_id = ?");
            params.add(filter.cardId());
        }
        if (filter.from() != null) {
            sql.append(" and x.business_date >= ?");
            params.add(filter.from());
        }
        if (filter.to() != null) {
            sql.append(" and x.business_date <= ?");
            params.add(filter.to());
        }
        if (filter.kinds() != null && !filter.kinds().isEmpty()) {
            sql.append(" and x.kind in (");
            int i = 0;
            for (TransactionKind kind : filter.kinds()) {
                sql.append(i++ == 0 ? "?" : ", ?");
                params.add(kind.name());
            }
            sql.append(")");
        }
        if (filter.deviceId() != null) {
            sql.append(" and x.device_id = ?");
            params.add(filter.deviceId());
        }
        if (filter.cashier() != null) {
            sql.append(" and x.cashier_id = ?");
            params.add(filter.cashier().value());
        }
        return new Where(sql.toString(), params);
    }

    private static Line line(ResultSet rs, int row) throws SQLException {
        String currency = rs.getString("currency").trim();
        long purchase = rs.getLong("purchase_cents");
        boolean hasPurchase = !rs.wasNull();
        UUID cashier = rs.getObject("cashier_id", UUID.class);
        return new Line(rs.getObject("id", UUID.class), TransactionKind.valueOf(rs.getString("kind")),
                rs.getTimestamp("created_at").toInstant(), rs.getObject("business_date", LocalDate.class),
                rs.getObject("card_id", UUID.class), rs.getString("card_number"),
                rs.getObject("merchant_id", UUID.class), rs.getString("merchant_name"),
                rs.getObject("device_id", UUID.class), rs.getString("device_name"),
                cashier == null ? null : new UserId(cashier), null,
                hasPurchase ? new Money(purchase, currency) : null, new Money(rs.getLong("amount_cents"), currency),
                rs.getBoolean("capped"), rs.getObject("reverses_id", UUID.class),
                new Money(rs.getLong("compensated"), currency), rs.getString("reason"));
    }
}
