package eu.localeconomy.savings.statement;

import eu.localeconomy.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.List;
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

    StaffNames(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Person> ofMerchant(TenantId tenant, UUID merchantId) {
        return jdbc.sql("""
                        select a.id, a.display_name from user_account a
                        where a.tenant_id = :tenant
                          and (a.id in (select s.account_id from savings_merchant_staff s
                                        where s.tenant_id = :tenant and s.merchant_id = :merchant)
                               or a.id in (select t.cashier_id from savings_ledger_transaction t
                                           where t.tenant_id = :tenant and t.merchant_id = :merchant
                                             and t.cashier_id is not null))
                        order by lower(a.display_name), a.id""")
                .param("tenant", tenant.value())
                .param("merchant", merchantId)
                .query((rs, n) -> new Person(rs.getObject(1, UUID.class), rs.getString(2)))
                .list();
    }
}
