package eu.localeconomy.savings.ledger;

import eu.localeconomy.shared.Money;
import eu.localeconomy.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Proves the ledger's invariants for one programme with SQL over the entries themselves: every transaction balances
 * and matches its amount, the balance projection equals the sum of the card's entries, credit stays within the cap,
 * no voucher is negative, no more vouchers were spent than converted, and no transaction was compensated beyond
 * its amount. An empty list of violations is the proof.
 */
@Service
public class LedgerReconciliation {

    /**
     * @param outstandingCredit   credit on cards not yet converted
     * @param outstandingVouchers voucher balances not yet spent
     * @param owedToMerchants     vouchers redeemed (net of compensations) that the city owes the merchants
     * @param programmeFunding    what the programme has committed (credit, vouchers and payables together)
     */
    public record Totals(long transactions, Money earned, Money converted, Money redeemed, Money compensated,
                         Money outstandingCredit, Money outstandingVouchers, Money owedToMerchants,
                         Money programmeFunding) {
    }

    /** A broken invariant: which one (a stable code), on what (a transaction or card id), and the figures. */
    public record Violation(String code, UUID subject, String detail) {
    }

    public record Report(Totals totals, List<Violation> violations) {

        public boolean ok() {
            return violations.isEmpty();
        }
    }

    private static final int MAX_PER_CHECK = 100;

    private final JdbcClient jdbc;

    LedgerReconciliation(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Reads one consistent snapshot (repeatable read), so that movements during the run cannot look like a fault. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Report reconcile(TenantId tenant, UUID programmeId) {
        String currency = jdbc.sql("select currency from tenant where id = ?").param(tenant.value())
                .query(String.class).single().trim();
        List<Violation> violations = new ArrayList<>();
        Object[] scope = {tenant.value(), programmeId};

        violations.addAll(jdbc.sql("""
                        select x.id, coalesce(sum(e.amount_cents), 0) total from savings_ledger_transaction x
                        left join savings_ledger_entry e on e.tenant_id = x.tenant_id and e.transaction_id = x.id
                        where x.tenant_id = ? and x.programme_id = ?
                        group by x.id having coalesce(sum(e.amount_cents), 0) <> 0 limit %d""".formatted(MAX_PER_CHECK))
                .params(scope).query((rs, row) -> new Violation("entries-unbalanced", rs.getObject("id", UUID.class),
                        "sum " + rs.getLong("total"))).list());

        // Each transaction moves exactly its amount: half the sum of its entries' absolute values.
        violations.addAll(jdbc.sql("""
                        select x.id, x.amount_cents, coalesce(sum(abs(e.amount_cents)), 0) moved
                        from savings_ledger_transaction x
                        left join savings_ledger_entry e on e.tenant_id = x.tenant_id and e.transaction_id = x.id
                        where x.tenant_id = ? and x.programme_id = ?
                        group by x.id, x.amount_cents having coalesce(sum(abs(e.amount_cents)), 0) <> 2 * x.amount_cents
                        limit %d""".formatted(MAX_PER_CHECK))
                .params(scope).query((rs, row) -> new Violation("entries-differ-from-amount", rs.getObject("id", UUID.class),
                        "amount " + rs.getLong("amount_cents") + ", entries move " + rs.getLong("moved") / 2.0)).list());

        violations.addAll(jdbc.sql("""
                        with sums as (
                            select e.owner_id card_id,
                                coalesce(sum(e.amount_cents) filter (where e.account = 'CARD_CREDIT'), 0) credit,
                                coalesce(sum(e.amount_cents) filter (where e.account = 'CARD_VOUCHER'), 0) voucher
                            from savings_ledger_entry e
                            join savings_ledger_transaction x on x.tenant_id = e.tenant_id and x.id = e.transaction_id
                            where x.tenant_id = ? and x.programme_id = ? and e.account in ('CARD_CREDIT', 'CARD_VOUCHER')
                            group by e.owner_id),
                        balances as (select * from savings_card_balance where tenant_id = ? and programme_id = ?)
                        select coalesce(b.card_id, s.card_id) card_id, b.card_id is null missing, b.credit_cents,
                            b.voucher_cents, coalesce(s.credit, 0) credit, coalesce(s.voucher, 0) voucher
                        from balances b full join sums s on s.card_id = b.card_id
                        where b.card_id is null or b.credit_cents <> coalesce(s.credit, 0)
                           or b.voucher_cents <> coalesce(s.voucher, 0)
                        limit %d""".formatted(MAX_PER_CHECK))
                .params(tenant.value(), programmeId, tenant.value(), programmeId)
                .query((rs, row) -> rs.getBoolean("missing")
                        ? new Violation("balance-missing", rs.getObject("card_id", UUID.class),
                        "entries credit " + rs.getLong("credit") + ", voucher " + rs.getLong("voucher"))
                        : new Violation("balance-differs-from-entries", rs.getObject("card_id", UUID.class),
                        "balance credit " + rs.getLong("credit_cents") + ", voucher " + rs.getLong("voucher_cents")
                                + "; entries credit " + rs.getLong("credit") + ", voucher " + rs.getLong("voucher")))
                .list());

        violations.addAll(jdbc.sql("""
                        select card_id, credit_cents, voucher_cents, cap_cents from savings_card_balance
                        where tenant_id = ? and programme_id = ?
                          and (credit_cents > cap_cents or credit_cents < 0 or voucher_cents < 0) limit %d"""
                        .formatted(MAX_PER_CHECK))
                .params(scope).query((rs, row) -> new Violation(
                        rs.getLong("voucher_cents") < 0 ? "voucher-negative" : "credit-outside-cap",
                        rs.getObject("card_id", UUID.class), "credit " + rs.getLong("credit_cents") + ", cap "
                        + rs.getLong("cap_cents") + ", voucher " + rs.getLong("voucher_cents"))).list());

        violations.addAll(jdbc.sql("""
                        select o.id, o.kind, o.amount_cents, sum(r.amount_cents) compensated
                        from savings_ledger_transaction o
                        join savings_ledger_transaction r on r.tenant_id = o.tenant_id and r.reverses_id = o.id
                        where o.tenant_id = ? and o.programme_id = ?
                        group by o.id, o.kind, o.amount_cents
                        having sum(r.amount_cents) > o.amount_cents or o.kind not in ('EARN', 'REDEEM') limit %d"""
                        .formatted(MAX_PER_CHECK))
                .params(scope).query((rs, row) -> new Violation("compensation-exceeds-original",
                        rs.getObject("id", UUID.class), rs.getString("kind") + " " + rs.getLong("amount_cents")
                        + ", compensated " + rs.getLong("compensated"))).list());

        Totals totals = jdbc.sql("""
                        with tx as (
                            select count(*) n,
                                coalesce(sum(x.amount_cents) filter (where x.kind = 'EARN'), 0) earned,
                                coalesce(sum(x.amount_cents) filter (where x.kind = 'CONVERSION'), 0) converted,
                                coalesce(sum(x.amount_cents) filter (where x.kind = 'REDEEM'), 0) redeemed,
                                coalesce(sum(x.amount_cents) filter (where x.kind in ('REVERSAL', 'CORRECTION')), 0) compensated,
                                coalesce(sum(x.amount_cents) filter (where x.kind in ('REVERSAL', 'CORRECTION')
                                    and o.kind = 'REDEEM'), 0) redeem_compensated
                            from savings_ledger_transaction x
                            left join savings_ledger_transaction o on o.tenant_id = x.tenant_id and o.id = x.reverses_id
                            where x.tenant_id = ? and x.programme_id = ?),
                        en as (
                            select coalesce(sum(e.amount_cents) filter (where e.account = 'MERCHANT_PAYABLE'), 0) payable,
                                coalesce(sum(e.amount_cents) filter (where e.account = 'PROGRAMME_FUNDING'), 0) funding
                            from savings_ledger_entry e
                            join savings_ledger_transaction x on x.tenant_id = e.tenant_id and x.id = e.transaction_id
                            where x.tenant_id = ? and x.programme_id = ?),
                        bal as (
                            select coalesce(sum(credit_cents), 0) credit, coalesce(sum(voucher_cents), 0) voucher
                            from savings_card_balance where tenant_id = ? and programme_id = ?)
                        select * from tx, en, bal""")
                .params(tenant.value(), programmeId, tenant.value(), programmeId, tenant.value(), programmeId)
                .query((rs, row) -> {
                    long redeemedNet = rs.getLong("redeemed") - rs.getLong("redeem_compensated");
                    if (redeemedNet > rs.getLong("converted")) {
                        violations.add(new Violation("redeemed-exceeds-converted", programmeId,
                                "redeemed " + redeemedNet + ", converted " + rs.getLong("converted")));
                    }
                    if (rs.getLong("payable") != redeemedNet) {
                        violations.add(new Violation("payable-differs-from-redeemed", programmeId,
                                "payable " + rs.getLong("payable") + ", redeemed " + redeemedNet));
                    }
                    long liabilities = rs.getLong("credit") + rs.getLong("voucher") + rs.getLong("payable");
                    if (-rs.getLong("funding") != liabilities) {
                        violations.add(new Violation("funding-differs-from-liabilities", programmeId,
                                "funding " + -rs.getLong("funding") + ", credit + vouchers + payable " + liabilities));
                    }
                    return new Totals(rs.getLong("n"), new Money(rs.getLong("earned"), currency),
                            new Money(rs.getLong("converted"), currency), new Money(rs.getLong("redeemed"), currency),
                            new Money(rs.getLong("compensated"), currency), new Money(rs.getLong("credit"), currency),
                            new Money(rs.getLong("voucher"), currency), new Money(rs.getLong("payable"), currency),
                            new Money(-rs.getLong("funding"), currency));
                })
                .single();
        return new Report(totals, List.copyOf(violations));
    }
}
