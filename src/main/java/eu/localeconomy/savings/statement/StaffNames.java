package eu.localeconomy.savings.statement;

import eu.localeconomy.shared.ActorNames;
import eu.localeconomy.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The people a merchant's statement can be filtered by: its current staff and anyone who ever worked a transaction
 * for it (a cashier who left still appears in old lines). Display names only.
 */
@Repository
class StaffNames {

    record Person(UUID id, String name) {
    }

    private final JdbcClient jdbc;
    private final ActorNames names;

    StaffNames(JdbcClient jdbc, ActorNames names) {
        this.jdbc = jdbc;
        this.names = names;
    }

    List<Person> ofMerchant(TenantId tenant, UUID merchantId) {
        List<UUID> ids = jdbc.sql("""
                        select s.account_id from savings_merchant_staff s
                        where s.tenant_id = :tenant and s.merchant_id = :merchant
                        union
                        select distinct t.cashier_id from savings_ledger_transaction t
                        where t.tenant_id = :tenant and t.merchant_id = :merchant and t.cashier_id is not null""")
                .param("tenant", tenant.value())
                .param("merchant", merchantId)
                .query(UUID.class)
                .list();
        // Names from the account module, which owns the accounts.
        Map<UUID, String> byId = names.namesOf(tenant, ids);
        return byId.entrySet().stream().map(e -> new Person(e.getKey(), e.getValue()))
                .sorted(Comparator.comparing((Person p) -> p.name().toLowerCase(Locale.ROOT)).thenComparing(Person::id))
                .toList();
    }
}
