package eu.localeconomy.membership.card;

import eu.localeconomy.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Checkout Sessions created for orders ({@code membership_stripe_checkout}). */
@Repository
class StripeCheckouts {

    enum Status { OPEN, COMPLETED, EXPIRED }

    record Checkout(String sessionId, TenantId tenant, UUID orderId, String accountId, long amountCents,
                    long applicationFeeCents, String currency, Status status, String url, String paymentIntent,
                    Instant createdAt, Instant expiresAt) {
    }

    private final JdbcClient jdbc;

    StripeCheckouts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a session; the same session twice (an idempotent retry at Stripe) is kept once. */
    void insert(Checkout c, Instant now) {
        jdbc.sql("""
                        insert into membership_stripe_checkout (session_id, tenant_id, order_id, account_id, amount_cents,
                            application_fee_cents, currency, status, url, payment_intent, created_at, expires_at, updated_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (session_id) do nothing""")
                .params(c.sessionId(), c.tenant().value(), c.orderId(), c.accountId(), c.amountCents(),
                        c.applicationFeeCents(), c.currency(), c.status().name(), c.url(), c.paymentIntent(),
                        Timestamp.from(c.createdAt()), c.expiresAt() == null ? null : Timestamp.from(c.expiresAt()),
                        Timestamp.from(now))
                .update();
    }

    /** The order's session still open for this amount (not expired at {@code now}), to send the professional back to. */
    Optional<Checkout> open(TenantId tenant, UUID orderId, long amountCents, String accountId, Instant now) {
        return jdbc.sql("""
                        select * from membership_stripe_checkout
                        where tenant_id = ? and order_id = ? and amount_cents = ? and account_id = ? and status = 'OPEN'
                          and (expires_at is null or expires_at > ?)
                        order by created_at desc limit 1""")
                .params(tenant.value(), orderId, amountCents, accountId, Timestamp.from(now))
                .query((rs, n) -> map(rs)).optional();
    }

    /** The order's sessions still open (to expire at Stripe when the order is cancelled). */
    java.util.List<Checkout> openOf(TenantId tenant, UUID orderId) {
        return jdbc.sql("select * from membership_stripe_checkout where tenant_id = ? and order_id = ? and status = 'OPEN'")
                .params(tenant.value(), orderId).query((rs, n) -> map(rs)).list();
    }

    /** How many sessions the order had: the next one's idempotency key differs from an expired one's. */
    int count(TenantId tenant, UUID orderId) {
        return jdbc.sql("select count(*) from membership_stripe_checkout where tenant_id = ? and order_id = ?")
                .params(tenant.value(), orderId).query(Integer.class).single();
    }

    Optional<Checkout> find(TenantId tenant, String sessionId) {
        return jdbc.sql("select * from membership_stripe_checkout where tenant_id = ? and session_id = ?")
                .params(tenant.value(), sessionId).query((rs, n) -> map(rs)).optional();
    }

    /** The session that paid with this payment intent (a refund names the payment intent). */
    Optional<Checkout> byPaymentIntent(TenantId tenant, String paymentIntent) {
        return jdbc.sql("""
                        select * from membership_stripe_checkout where tenant_id = ? and payment_intent = ?
                        order by created_at desc limit 1""")
                .params(tenant.value(), paymentIntent).query((rs, n) -> map(rs)).optional();
    }

    void completed(TenantId tenant, String sessionId, String paymentIntent, Instant now) {
        jdbc.sql("""
                        update membership_stripe_checkout set status = 'COMPLETED',
                            payment_intent = coalesce(?, payment_intent), updated_at = ?
                        where tenant_id = ? and session_id = ?""")
                .params(paymentIntent, Timestamp.from(now), tenant.value(), sessionId).update();
    }

    /** Whether it was open until now. */
    boolean expired(TenantId tenant, String sessionId, Instant now) {
        return jdbc.sql("""
                        update membership_stripe_checkout set status = 'EXPIRED', updated_at = ?
                        where tenant_id = ? and session_id = ? and status = 'OPEN'""")
                .params(Timestamp.from(now), tenant.value(), sessionId).update() > 0;
    }

    private static Checkout map(java.sql.ResultSet rs) throws java.sql.SQLException {
        Timestamp expires = rs.getTimestamp("expires_at");
        return new Checkout(rs.getString("session_id"), new TenantId(rs.getObject("tenant_id", UUID.class)),
                rs.getObject("order_id", UUID.class), rs.getString("account_id"), rs.getLong("amount_cents"),
                rs.getLong("application_fee_cents"), rs.getString("currency"), Status.valueOf(rs.getString("status")),
                rs.getString("url"), rs.getString("payment_intent"), rs.getTimestamp("created_at").toInstant(),
                expires == null ? null : expires.toInstant());
    }
}
