package eu.localeconomy.membership.payment;

import eu.localeconomy.directory.EstablishmentId;
import eu.localeconomy.membership.catalogue.CampaignId;
import eu.localeconomy.membership.extranet.OrderStatus;
import eu.localeconomy.membership.extranet.PaymentMethod;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.Money;
import eu.localeconomy.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** SQL of the payment tables and of the order's money columns. Every method takes the tenant. */
@Repository
class PaymentStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    PaymentStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The order's money columns; {@code overpaid} is the sum of the payments' surpluses. */
    record OrderMoney(UUID id, CampaignId campaign, EstablishmentId establishment, OrderStatus status,
                      PaymentMethod method, String currency, long grossCents, long paidCents, long refundedCents,
                      LocalDate dueDate, String creditorReference, String language, UUID placedBy, Instant placedAt) {

        Money money(long cents) {
            return new Money(cents, currency);
        }

        long heldCents() {
            return paidCents - refundedCents;
        }

        /** What is left to pay: nothing once the order is cancelled or refunded (it takes no more payments). */
        long balanceCents() {
            if (status == OrderStatus.CANCELLED || status == OrderStatus.REFUNDED) {
                return 0;
            }
            return Math.max(0, grossCents - heldCents());
        }
    }

    Optional<OrderMoney> order(TenantId tenant, UUID orderId) {
        return jdbc.sql("select * from membership_order where tenant_id = ? and id = ?")
                .params(tenant.value(), orderId).query(PaymentStore::orderMoney).optional();
    }

    /** The order row locked until the end of the transaction: payments of one order are serialised here. */
    Optional<OrderMoney> lock(TenantId tenant, UUID orderId) {
        return jdbc.sql("select * from membership_order where tenant_id = ? and id = ? for update")
                .params(tenant.value(), orderId).query(PaymentStore::orderMoney).optional();
    }

    void updateMoney(TenantId tenant, UUID orderId, long paidCents, long refundedCents, OrderStatus status,
                     boolean statusChanged, Instant now) {
        jdbc.sql("""
                        update membership_order set paid_cents = ?, refunded_cents = ?, status = ?,
                            status_changed_at = case when ? then ? else status_changed_at end
                        where tenant_id = ? and id = ?""")
                .params(paidCents, refundedCents, status.name(), statusChanged, Timestamp.from(now), tenant.value(), orderId)
                .update();
    }

    void setStatus(TenantId tenant, UUID orderId, OrderStatus status, Instant now) {
        jdbc.sql("update membership_order set status = ?, status_changed_at = ? where tenant_id = ? and id = ?")
                .params(status.name(), Timestamp.from(now), tenant.value(), orderId).update();
    }

    void placed(TenantId tenant, UUID orderId, LocalDate dueDate, String creditorReference) {
        jdbc.sql("update membership_order set due_date = ?, creditor_reference = ? where tenant_id = ? and id = ?")
                .params(Date.valueOf(dueDate), creditorReference, tenant.value(), orderId).update();
    }

    boolean creditorReferenceTaken(TenantId tenant, String reference) {
        return jdbc.sql("select count(*) from membership_order where tenant_id = ? and creditor_reference = ?")
                .params(tenant.value(), reference).query(Long.class).single() > 0;
    }

    void insert(TenantId tenant, PaymentRecord p, String idempotencyKey) {
        jdbc.sql("""
                        insert into membership_payment (id, tenant_id, order_id, kind, method, amount_cents, currency,
                            overpaid_cents, received_on, reference, cheque_number, external_id, refunds_payment_id, reason,
                            idempotency_key, recorded_by, recorded_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(p.id(), tenant.value(), p.orderId(), p.kind().name(), p.method().name(), p.amount().cents(),
                        p.amount().currency(), p.overpaid().cents(), Date.valueOf(p.receivedOn()), p.reference(),
                        p.chequeNumber(), p.externalId(), p.refundsPaymentId(), p.reason(), idempotencyKey,
                        p.recordedBy(), Timestamp.from(p.recordedAt()))
                .update();
    }

    Optional<PaymentRecord> byKey(TenantId tenant, String idempotencyKey) {
        return jdbc.sql("select * from membership_payment where tenant_id = ? and idempotency_key = ?")
                .params(tenant.value(), idempotencyKey).query(PaymentStore::payment).optional();
    }

    Optional<PaymentRecord> payment(TenantId tenant, UUID id) {
        return jdbc.sql("select * from membership_payment where tenant_id = ? and id = ?")
                .params(tenant.value(), id).query(PaymentStore::payment).optional();
    }

    /** Oldest first. */
    List<PaymentRecord> payments(TenantId tenant, UUID orderId) {
        return jdbc.sql("select * from membership_payment where tenant_id = ? and order_id = ? order by recorded_at, kind")
                .params(tenant.value(), orderId).query(PaymentStore::payment).list();
    }

    long refundedOf(TenantId tenant, UUID paymentId) {
        return jdbc.sql("""
                        select coalesce(sum(amount_cents), 0) from membership_payment
                        where tenant_id = ? and refunds_payment_id = ? and kind = 'REFUND'""")
                .params(tenant.value(), paymentId).query(Long.class).single();
    }

    // ---- Settings ---------------------------------------------------------------------------------------------

    Optional<PaymentSettings> settings(TenantId tenant) {
        return jdbc.sql("select * from membership_payment_settings where tenant_id = ?")
                .params(tenant.value())
                .query((rs, n) -> {
                    Map<String, String> cash = JSON.readValue(rs.getString("cash_instructions"), new TypeReference<>() {
                    });
                    Map<Language, String> byLanguage = new EnumMap<>(Language.class);
                    cash.forEach((code, text) -> Language.fromCode(code).ifPresent(l -> byLanguage.put(l, text)));
                    return new PaymentSettings(rs.getBoolean("transfer_enabled"), rs.getString("account_holder"),
                            rs.getString("iban"), rs.getString("bic"), rs.getBoolean("cheque_enabled"),
                            rs.getString("cheque_payee"), rs.getString("cheque_address"), rs.getBoolean("cash_enabled"),
                            Map.copyOf(byLanguage), rs.getBoolean("card_enabled"), rs.getInt("due_days"));
                }).optional();
    }

    void saveSettings(TenantId tenant, PaymentSettings s, UUID by, Instant now) {
        Map<String, String> cash = new LinkedHashMap<>();
        s.cashInstructions().forEach((l, text) -> cash.put(l.code(), text));
        jdbc.sql("""
                        insert into membership_payment_settings (tenant_id, transfer_enabled, account_holder, iban, bic,
                            cheque_enabled, cheque_payee, cheque_address, cash_enabled, cash_instructions, card_enabled,
                            due_days, updated_by, updated_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?, ?)
                        on conflict (tenant_id) do update set transfer_enabled = excluded.transfer_enabled,
                            account_holder = excluded.account_holder, iban = excluded.iban, bic = excluded.bic,
                            cheque_enabled = excluded.cheque_enabled, cheque_payee = excluded.cheque_payee,
                            cheque_address = excluded.cheque_address, cash_enabled = excluded.cash_enabled,
                            cash_instructions = excluded.cash_instructions, card_enabled = excluded.card_enabled,
                            due_days = excluded.due_days, updated_by = excluded.updated_by, updated_at = excluded.updated_at""")
                .params(tenant.value(), s.transferEnabled(), s.accountHolder(), s.iban(), s.bic(), s.chequeEnabled(),
                        s.chequePayee(), s.chequeAddress(), s.cashEnabled(), JSON.writeValueAsString(cash),
                        s.cardEnabled(), s.dueDays(), by, Timestamp.from(now))
                .update();
    }

    Set<PaymentMethod> campaignMethods(TenantId tenant, CampaignId campaign) {
        Set<PaymentMethod> methods = EnumSet.noneOf(PaymentMethod.class);
        jdbc.sql("select method from membership_campaign_payment_method where tenant_id = ? and campaign_id = ?")
                .params(tenant.value(), campaign.value()).query(String.class).list()
                .forEach(m -> methods.add(PaymentMethod.valueOf(m)));
        return methods;
    }

    void saveCampaignMethods(TenantId tenant, CampaignId campaign, Set<PaymentMethod> methods) {
        jdbc.sql("delete from membership_campaign_payment_method where tenant_id = ? and campaign_id = ?")
                .params(tenant.value(), campaign.value()).update();
        for (PaymentMethod method : methods) {
            jdbc.sql("insert into membership_campaign_payment_method (tenant_id, campaign_id, method) values (?, ?, ?)")
                    .params(tenant.value(), campaign.value(), method.name()).update();
        }
    }

    // ---- Rows -------------------------------------------------------------------------------------------------

    private static OrderMoney orderMoney(ResultSet rs, int n) throws SQLException {
        Date due = rs.getDate("due_date");
        return new OrderMoney(rs.getObject("id", UUID.class), new CampaignId(rs.getObject("campaign_id", UUID.class)),
                new EstablishmentId(rs.getObject("establishment_id", UUID.class)),
                OrderStatus.valueOf(rs.getString("status")), PaymentMethod.valueOf(rs.getString("payment_method")),
                rs.getString("currency"), rs.getLong("gross_cents"), rs.getLong("paid_cents"),
                rs.getLong("refunded_cents"), due == null ? null : due.toLocalDate(),
                rs.getString("creditor_reference"), rs.getString("language"), rs.getObject("placed_by", UUID.class),
                rs.getTimestamp("placed_at").toInstant());
    }

    private static PaymentRecord payment(ResultSet rs, int n) throws SQLException {
        String currency = rs.getString("currency");
        return new PaymentRecord(rs.getObject("id", UUID.class), rs.getObject("order_id", UUID.class),
                PaymentKind.valueOf(rs.getString("kind")), PaymentMethod.valueOf(rs.getString("method")),
                new Money(rs.getLong("amount_cents"), currency), new Money(rs.getLong("overpaid_cents"), currency),
                rs.getDate("received_on").toLocalDate(), rs.getString("reference"), rs.getString("cheque_number"),
                rs.getString("external_id"), rs.getObject("refunds_payment_id", UUID.class), rs.getString("reason"),
                rs.getObject("recorded_by", UUID.class), rs.getTimestamp("recorded_at").toInstant());
    }
}
