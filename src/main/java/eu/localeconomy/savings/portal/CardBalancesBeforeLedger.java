package eu.localeconomy.savings.portal;

import eu.localeconomy.shared.Money;
import eu.localeconomy.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Card balances while no merchant can register a purchase yet: every existing card has earned nothing, holds no
 * voucher and has no history. Replaced by the ledger's implementation in the next issue.
 */
@Component
class CardBalancesBeforeLedger implements CardBalances {

    private final JdbcClient jdbc;

    CardBalancesBeforeLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<CardBalance> of(TenantId tenant, UUID cardId) {
        return jdbc.sql("""
                        select t.currency from savings_card c join tenant t on t.id = c.tenant_id
                        where c.tenant_id = ? and c.id = ?""")
                .params(tenant.value(), cardId).query(String.class).optional()
                .map(currency -> new CardBalance(new Money(0, currency.trim()), Optional.empty(), List.of()));
    }
}
