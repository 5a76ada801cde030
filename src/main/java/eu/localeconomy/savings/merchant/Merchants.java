package eu.localeconomy.savings.merchant;

import eu.localeconomy.audit.AuditLog;
import eu.localeconomy.identifier.EnterpriseNumber;
import eu.localeconomy.identifier.Iban;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.TenantId;
import eu.localeconomy.shared.UserId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The merchants taking part in a municipality's savings programmes, and who works for them. */
@Service
public class Merchants {

    public enum Category { SHOP, CAFE, RESTAURANT, OTHER }

    public enum Status { APPLIED, APPROVED, SUSPENDED, REJECTED }

    public enum StaffRole { OWNER, CASHIER }

    /** A merchant as the rest of the savings module needs it. */
    public record Merchant(UUID id, TenantId tenant, String businessName, Category category, Status status,
                           String postcode, String municipality) {

        /** Only an approved merchant may scan cards and accept vouchers. */
        public boolean mayTrade() {
            return status == Status.APPROVED;
        }
    }

    /** The merchant an account works for, and as what. */
    public record Membership(UUID merchantId, StaffRole role) {
    }

    /** Where a merchant is. {@code latitude}/{@code longitude} are both null when unknown. */
    public record Address(String street, String houseNumber, String box, String postcode, String municipality,
                          BigDecimal latitude, BigDecimal longitude) {
    }

    /** Who the city talks to at the merchant. */
    public record Contact(String name, String email, String phone, String website, String language) {
    }

    /** A merchant as it applies or is imported: already validated by the form or the import. */
    public record Draft(String businessName, EnterpriseNumber enterpriseNumber, Category category, Iban iban,
                        Address address, Contact contact) {
    }

    /** Everything the city (and the owner) sees of a merchant. */
    public record Details(UUID id, TenantId tenant, String businessName, EnterpriseNumber enterpriseNumber,
                          Category category, Iban iban, Iban pendingIban, Address address, Contact contact,
                          Status status, String statusReason, Instant appliedAt, Instant approvedAt,
                          Instant statusChangedAt) {

        public Merchant merchant() {
            return new Merchant(id, tenant, businessName, category, status, address.postcode(), address.municipality());
        }

        public boolean hasCoordinates() {
            return address.latitude() != null;
        }
    }

    /** Search criteria of the lists; blank/null means any. */
    public record Search(String name, String postcode, Status status, Category category) {

        public static Search all() {
            return new Search(null, null, null, null);
        }
    }

    /** A person working for a merchant. */
    public record StaffMember(UserId account, StaffRole role, Instant since) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AuditLog audit;

    Merchants(JdbcClient jdbc, Clock clock, AuditLog audit) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.audit = audit;
    }

    public Optional<Merchant> find(TenantId tenant, UUID merchantId) {
        return details(tenant, merchantId).map(Details::merchant);
    }

    /** The merchant a staff account (owner or cashier) works for. */
    public Optional<Membership> membershipOf(TenantId tenant, UserId account) {
        return jdbc.sql("select merchant_id, role from savings_merchant_staff where tenant_id = ? and account_id = ?")
                .params(tenant.value(), account.value())
                .query((rs, n) -> new Membership(rs.getObject("merchant_id", UUID.class),
                        StaffRole.valueOf(rs.getString("role"))))
                .optional();
    }

    public Optional<Details> details(TenantId tenant, UUID merchantId) {
        return jdbc.sql("select * from savings_merchant where tenant_id = ? and id = ?")
                .params(tenant.value(), merchantId).query(Merchants::details).optional();
    }

    /** Merchants matching a search, by name; at most {@code limit}. */
    public List<Details> search(TenantId tenant, Search search, int limit) {
        var sql = new StringBuilder("select * from savings_merchant where tenant_id = :tenant");
        Map<String, Object> params = new HashMap<>();
        params.put("tenant", tenant.value());
        if (search.name() != null && !search.name().isBlank()) {
            sql.append(" and lower(business_name) like :name escape '\\'");
            params.put("name", "%" + likeEscaped(search.name().strip().toLowerCase(Locale.ROOT)) + "%");
        }
        if (search.postcode() != null && !search.postcode().isBlank()) {
            sql.append(" and postcode like :postcode escape '\\'");
            params.put("postcode", likeEscaped(search.postcode().strip()) + "%");
        }
        if (search.status() != null) {
            sql.append(" and status = :status");
            params.put("status", search.status().name());
        }
        if (search.category() != null) {
            sql.append(" and category = :category");
            params.put("category", search.category().name());
        }
        sql.append(" order by lower(business_name), postcode, id limit :limit");
        params.put("limit", limit);
        return jdbc.sql(sql.toString()).params(params).query(Merchants::details).list();
    }

    /** How many merchants are in each status (zero included). */
    public Map<Status, Integer> countsByStatus(TenantId tenant) {
        Map<Status, Integer> counts = new EnumMap<>(Status.class);
        for (Status s : Status.values()) {
            counts.put(s, 0);
        }
        jdbc.sql("select status, count(*) from savings_merchant where tenant_id = ? group by status")
                .param(tenant.value())
                .query((ResultSet rs) -> {
                    counts.put(Status.valueOf(rs.getString(1)), rs.getInt(2));
                });
        return counts;
    }

    /** Creates a merchant in the given status (APPLIED from the public form, APPROVED or APPLIED by import). */
    @Transactional
    public UUID create(TenantId tenant, Draft draft, Status status, Actor actor, String source) {
        if (status != Status.APPLIED && status != Status.APPROVED) {
            throw new IllegalArgumentException("a new merchant is applied or approved");
        }
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(clock.instant());
        Address a = draft.address();
        Contact c = draft.contact();
        jdbc.sql("""
                        insert into savings_merchant (id, tenant_id, business_name, enterprise_number, category, iban,
                            street, house_number, box, postcode, municipality, latitude, longitude, contact_name,
                            contact_email, contact_phone, website, language, status, applied_at, approved_at,
                            status_changed_at, created_at, updated_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, tenant.value(), draft.businessName(), draft.enterpriseNumber().value(),
                        draft.category().name(), draft.iban().value(), a.street(), a.houseNumber(), a.box(),
                        a.postcode(), a.municipality(), a.latitude(), a.longitude(), c.name(), c.email(), c.phone(),
                        c.website(), c.language(), status.name(), now, status == Status.APPROVED ? now : null, now,
                        now, now)
                .update();
        audit.record(actor, tenant, "merchant.created", "savings_merchant", id,
                Map.of("status", status, "source", source));
        return id;
    }

    /** The city approves an application or re-activates a suspended merchant. */
    @Transactional
    public boolean approve(TenantId tenant, UUID merchantId, Actor actor) {
        return changeStatus(tenant, merchantId, List.of(Status.APPLIED, Status.SUSPENDED), Status.APPROVED, null,
                actor, "merchant.approved");
    }

    @Transactional
    public boolean suspend(TenantId tenant, UUID merchantId, String reason, Actor actor) {
        return changeStatus(tenant, merchantId, List.of(Status.APPROVED), Status.SUSPENDED, reason, actor,
                "merchant.suspended");
    }

    @Transactional
    public boolean reactivate(TenantId tenant, UUID merchantId, Actor actor) {
        return changeStatus(tenant, merchantId, List.of(Status.SUSPENDED), Status.APPROVED, null, actor,
                "merchant.reactivated");
    }

    @Transactional
    public boolean reject(TenantId tenant, UUID merchantId, String reason, Actor actor) {
        return changeStatus(tenant, merchantId, List.of(Status.APPLIED), Status.REJECTED, reason, actor,
                "merchant.rejected");
    }

    private boolean changeStatus(TenantId tenant, UUID merchantId, List<Status> from, Status to, String reason,
                                 Actor actor, String action) {
        Timestamp now = Timestamp.from(clock.instant());
        // Conditional update: two staff members clicking at once change it once.
        int changed = jdbc.sql("""
                        update savings_merchant set status = :to, status_reason = :reason, status_changed_at = :now,
                            updated_at = :now, approved_at = case when :to = 'APPROVED' then coalesce(approved_at, :now)
                                else approved_at end
                        where tenant_id = :tenant and id = :id and status in (:from)""")
                .param("to", to.name()).param("reason", reason).param("now", now)
                .param("tenant", tenant.value()).param("id", merchantId)
                .param("from", from.stream().map(Enum::name).toList())
                .update();
        if (changed == 1) {
            Map<String, Object> details = new HashMap<>();
            details.put("status", to);
            if (reason != null) {
                details.put("reason", reason);
            }
            audit.record(actor, tenant, action, "savings_merchant", merchantId, details);
        }
        return changed == 1;
    }

    /** The owner updates the business profile; the IBAN is not part of it (see {@link #requestIbanChange}). */
    @Transactional
    public boolean updateProfile(TenantId tenant, UUID merchantId, Address a, Contact c, Actor actor) {
        int changed = jdbc.sql("""
                        update savings_merchant set street = ?, house_number = ?, box = ?, postcode = ?,
                            municipality = ?, latitude = ?, longitude = ?, contact_name = ?, contact_email = ?,
                            contact_phone = ?, website = ?, language = ?, updated_at = ?
                        where tenant_id = ? and id = ?""")
                .params(a.street(), a.houseNumber(), a.box(), a.postcode(), a.municipality(), a.latitude(),
                        a.longitude(), c.name(), c.email(), c.phone(), c.website(), c.language(),
                        Timestamp.from(clock.instant()), tenant.value(), merchantId)
                .update();
        if (changed == 1) {
            audit.record(actor, tenant, "merchant.profile.updated", "savings_merchant", merchantId, Map.of());
        }
        return changed == 1;
    }

    /** The owner asks to be reimbursed on another account: it waits for the city. */
    @Transactional
    public boolean requestIbanChange(TenantId tenant, UUID merchantId, Iban iban, Actor actor) {
        int changed = jdbc.sql("""
                        update savings_merchant set pending_iban = case when iban = :iban then null else :iban end,
                            updated_at = :now
                        where tenant_id = :tenant and id = :id""")
                .param("iban", iban.value()).param("now", Timestamp.from(clock.instant()))
                .param("tenant", tenant.value()).param("id", merchantId).update();
        if (changed == 1) {
            audit.record(actor, tenant, "merchant.iban.requested", "savings_merchant", merchantId, Map.of());
        }
        return changed == 1;
    }

    /** The city accepts the pending IBAN, provided it is still the one it looked at. */
    @Transactional
    public boolean approveIbanChange(TenantId tenant, UUID merchantId, String expectedPending, Actor actor) {
        int changed = jdbc.sql("""
                        update savings_merchant set iban = pending_iban, pending_iban = null, updated_at = ?
                        where tenant_id = ? and id = ? and pending_iban = ?""")
                .params(Timestamp.from(clock.instant()), tenant.value(), merchantId, expectedPending).update();
        if (changed == 1) {
            audit.record(actor, tenant, "merchant.iban.approved", "savings_merchant", merchantId, Map.of());
        }
        return changed == 1;
    }

    @Transactional
    public boolean refuseIbanChange(TenantId tenant, UUID merchantId, Actor actor) {
        int changed = jdbc.sql("""
                        update savings_merchant set pending_iban = null, updated_at = ?
                        where tenant_id = ? and id = ? and pending_iban is not null""")
                .params(Timestamp.from(clock.instant()), tenant.value(), merchantId).update();
        if (changed == 1) {
            audit.record(actor, tenant, "merchant.iban.refused", "savings_merchant", merchantId, Map.of());
        }
        return changed == 1;
    }

    public List<StaffMember> staff(TenantId tenant, UUID merchantId) {
        return jdbc.sql("""
                        select account_id, role, created_at from savings_merchant_staff
                        where tenant_id = ? and merchant_id = ? order by role desc, created_at""")
                .params(tenant.value(), merchantId)
                .query((rs, n) -> new StaffMember(new UserId(rs.getObject("account_id", UUID.class)),
                        StaffRole.valueOf(rs.getString("role")), rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    /** Links an account to a merchant; an account works for one merchant, so a second link is refused. */
    @Transactional
    public boolean link(TenantId tenant, UUID merchantId, UserId account, StaffRole role, Actor actor) {
        int inserted = jdbc.sql("""
                        insert into savings_merchant_staff (account_id, tenant_id, merchant_id, role, created_at)
                        values (?, ?, ?, ?, ?) on conflict (account_id) do nothing""")
                .params(account.value(), tenant.value(), merchantId, role.name(), Timestamp.from(clock.instant()))
                .update();
        if (inserted == 1) {
            audit.record(actor, tenant, "merchant.staff.linked", "savings_merchant", merchantId,
                    Map.of("account", account.value(), "role", role));
        }
        return inserted == 1;
    }

    @Transactional
    public boolean unlink(TenantId tenant, UUID merchantId, UserId account, Actor actor) {
        int deleted = jdbc.sql("delete from savings_merchant_staff where tenant_id = ? and merchant_id = ? and account_id = ?")
                .params(tenant.value(), merchantId, account.value()).update();
        if (deleted == 1) {
            audit.record(actor, tenant, "merchant.staff.unlinked", "savings_merchant", merchantId,
                    Map.of("account", account.value()));
        }
        return deleted == 1;
    }

    /** Keys of merchants already there, for an idempotent import: enterprise number, postcode, lower-case name. */
    List<String> importKeys(TenantId tenant) {
        List<String> keys = new ArrayList<>();
        jdbc.sql("select enterprise_number, postcode, business_name from savings_merchant where tenant_id = ?")
                .param(tenant.value())
                .query((ResultSet rs) -> {
                    keys.add(importKey(rs.getString(1), rs.getString(2), rs.getString(3)));
                });
        return keys;
    }

    static String importKey(String enterpriseNumber, String postcode, String businessName) {
        return enterpriseNumber.strip() + "|" + postcode.strip().toUpperCase(Locale.ROOT) + "|"
                + businessName.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private static String likeEscaped(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static Details details(ResultSet rs, int row) throws SQLException {
        String pending = rs.getString("pending_iban");
        Timestamp approved = rs.getTimestamp("approved_at");
        Timestamp changed = rs.getTimestamp("status_changed_at");
        return new Details(rs.getObject("id", UUID.class), new TenantId(rs.getObject("tenant_id", UUID.class)),
                rs.getString("business_name"), new EnterpriseNumber(rs.getString("enterprise_number")),
                Category.valueOf(rs.getString("category")), new Iban(rs.getString("iban")),
                pending == null ? null : new Iban(pending),
                new Address(rs.getString("street"), rs.getString("house_number"), rs.getString("box"),
                        rs.getString("postcode"), rs.getString("municipality"), rs.getBigDecimal("latitude"),
                        rs.getBigDecimal("longitude")),
                new Contact(rs.getString("contact_name"), rs.getString("contact_email"), rs.getString("contact_phone"),
                        rs.getString("website"), rs.getString("language")),
                Status.valueOf(rs.getString("status")), rs.getString("status_reason"),
                rs.getTimestamp("applied_at").toInstant(), approved == null ? null : approved.toInstant(),
                changed == null ? null : changed.toInstant());
    }
}
