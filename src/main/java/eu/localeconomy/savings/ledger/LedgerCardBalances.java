package eu.localeconomy.savings.ledger;

import eu.localeconomy.savings.portal.CardBalances;
import eu.localeconomy.shared.Money;
import eu.localeconomy.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The citizen portal's view of a card: balances from the projection, history from the card's transactions. */
@Component
class LedgerCardBalances implements CardBalances {

    /** The portal shows a season's movements; a card has a few dozen at most. */
    private static final int HISTORY_LIMIT = 500;

    private final JdbcClient jdbc;

    LedgerCardBalances(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<CardBalance> of(TenantId tenant, UUID cardId) {
        record Row(String currency, long credit, long voucher, boolean converted) {
        }
        return jdbc.sql("""
                        select t.currency, coalesce(b.credit_cents, 0) credit, coalesce(b.voucher_cents, 0) voucher,
                            exists (select 1 from savings_ledger_transaction x
                                    where x.tenant_id = c.tenant_id and x.card_id = c.id and x.kind = 'CONVERSION') converted
                        from savings_card c join tenant t on t.id = c.tenant_id
                        left join savings_card_balance b on b.card_id = c.id
                        where c.tenant_id = ? and c.id = ?""")
                .params(tenant.value(), cardId)
                .query((rs, n) -> new Row(rs.getString("currency").trim(), rs.getLong("credit"), rs.getLong("voucher"),
                        rs.getBoolean("converted")))
                .optional()
                .map(row -> new CardBalance(new Money(row.credit(), row.currency()),
                        row.converted() || row.voucher() > 0 ? Optional.of(new Money(row.voucher(), row.currency()))
                                : Optional.empty(),
                        history(tenant, cardId)));
    }

    private List<Movement> history(TenantId tenant, UUID cardId) {
        return jdbc.sql("""
                        select x.kind, x.created_at, x.amount_cents, x.currency, m.business_name, o.kind original_kind
                        from savings_ledger_transaction x
                        left join savings_merchant m on m.tenant_id = x.tenant_id and m.id = x.merchant_id
                        left join savings_ledger_transaction o on o.tenant_id = x.tenant_id and o.id = x.reverses_id
                        where x.tenant_id = ? and x.card_id = ?
                        order by x.created_at desc, x.id desc limit ?""")
                .params(tenant.value(), cardId, HISTORY_LIMIT)
                .query((rs, n) -> {
                    TransactionKind kind = TransactionKind.valueOf(rs.getString("kind"));
                    long amount = rs.getLong("amount_cents");
                    String label = switch (kind) {
                        case REDEEM -> "SPEND";
                        default -> kind.name();
                    };
                    // What leaves the card is negative: a voucher spent, or credit an earn's compensation takes back.
                    boolean out = kind == TransactionKind.REDEEM
                            || (kind == TransactionKind.REVERSAL || kind == TransactionKind.CORRECTION)
                            && "EARN".equals(rs.getString("original_kind"));
                    return new Movement(rs.getTimestamp("created_at").toInstant(), label,
                            new Money(out ? -amount : amount, rs.getString("currency").trim()),
                            rs.getString("business_name"));
                })
                .list();
    }
}
