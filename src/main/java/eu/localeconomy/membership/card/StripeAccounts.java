package eu.localeconomy.membership.card;

import eu.localeconomy.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The tenants' connected Stripe accounts ({@code membership_stripe_account}). */
@Repository
class StripeAccounts {

    /** A tenant's connected account as last seen at Stripe. */
    record ConnectedAccount(TenantId tenant, String accountId, boolean chargesEnabled, boolean detailsSubmitted,
                            Instant createdAt, Instant updatedAt) {
    }

    private final JdbcClient jdbc;

    StripeAccounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<ConnectedAccount> find(TenantId tenant) {
        return jdbc.sql("select * from membership_stripe_account where tenant_id = ?")
                .params(tenant.value()).query((rs, n) -> map(rs)).optional();
    }

    /** The tenant a connected account belongs to (webhooks name the account, not the tenant). */
    Optional<ConnectedAccount> byAccountId(String accountId) {
        if (accountId == null) {
            return Optional.empty();
        }
        return jdbc.sql("select * from membership_stripe_account where account_id = ?")
                .params(accountId).query((rs, n) -> map(rs)).optional();
    }

    /** Records the account created for the tenant; the one already there wins (a double click). */
    ConnectedAccount create(TenantId tenant, String accountId, boolean chargesEnabled, boolean detailsSubmitted, Instant now) {
        jdbc.sql("""
                        insert into membership_stripe_account (tenant_id, account_id, charges_enabled, details_submitted,
                            created_at, updated_at)
                        values (?, ?, ?, ?, ?, ?) on conflict (tenant_id) do nothing""")
                .params(tenant.value(), accountId, chargesEnabled, detailsSubmitted, Timestamp.from(now), Timestamp.from(now))
                .update();
        return find(tenant).orElseThrow();
    }

    /** Whether anything changed. */
    boolean update(TenantId tenant, String accountId, boolean chargesEnabled, boolean detailsSubmitted, Instant now) {
        return jdbc.sql("""
                        update membership_stripe_account set charges_enabled = ?, details_submitted = ?, updated_at = ?
                        where tenant_id = ? and account_id = ?
                          and (charges_enabled <> ? or details_submitted <> ?)""")
                .params(chargesEnabled, detailsSubmitted, Timestamp.from(now), tenant.value(), accountId,
                        chargesEnabled, detailsSubmitted)
                .update() > 0;
    }

    private static ConnectedAccount map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new ConnectedAccount(new TenantId(rs.getObject("tenant_id", UUID.class)), rs.getString("account_id"),
                rs.getBoolean("charges_enabled"), rs.getBoolean("details_submitted"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
