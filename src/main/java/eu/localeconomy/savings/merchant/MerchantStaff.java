package eu.localeconomy.savings.merchant;

import eu.localeconomy.account.Accounts;
import eu.localeconomy.account.InvitationAccepted;
import eu.localeconomy.account.Role;
import eu.localeconomy.audit.AuditLog;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantContext;
import eu.localeconomy.shared.TenantId;
import eu.localeconomy.shared.UserId;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The people who work for a merchant: the city invites its owner, the owner invites cashiers. Invitations go through
 * the accounts module; this class remembers which merchant each one is for and links the account when it is
 * accepted.
 */
@Service
public class MerchantStaff {

    /** Outcome of an invitation. */
    public enum InviteOutcome { SENT, EMAIL_TAKEN }

    /** Someone invited and not yet signed up. */
    public record PendingInvitation(UUID invitationId, String email, Merchants.StaffRole role, Instant sentAt) {
    }

    /** A person working for the merchant, with their name for the lists. */
    public record Member(UserId account, String displayName, String email, Merchants.StaffRole role, boolean enabled,
                         Instant since) {
    }

    private final Merchants merchants;
    private final Accounts accounts;
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    MerchantStaff(Merchants merchants, Accounts accounts, JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.merchants = merchants;
        this.accounts = accounts;
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /** Invites an owner (by the city) or a cashier (by the owner) of the merchant. */
    @Transactional
    public InviteOutcome invite(TenantContext tenant, UUID merchantId, String email, Merchants.StaffRole role,
                                Language language, Actor invitedBy) {
        String address = email.strip();
        if (accounts.emailTaken(tenant.id(), address)) {
            // An account works for one merchant and has one role: the person must use another address.
            return InviteOutcome.EMAIL_TAKEN;
        }
        UUID invitation = accounts.inviteMerchantStaff(tenant, address,
                role == Merchants.StaffRole.OWNER ? Role.MERCHANT_OWNER : Role.CASHIER, language, invitedBy);
        jdbc.sql("""
                        insert into savings_merchant_invitation (invitation_id, tenant_id, merchant_id, role, email,
                            invited_by, created_at)
                        values (?, ?, ?, ?, ?, ?, ?)""")
                .params(invitation, tenant.id().value(), merchantId, role.name(), address,
                        Actor.accountOf(invitedBy),
                        Timestamp.from(clock.instant()))
                .update();
        audit.record(invitedBy == null ? Actor.SYSTEM : invitedBy, tenant.id(), "merchant.staff.invited",
                "savings_merchant", merchantId, Map.of("role", role, "invitation", invitation));
        return InviteOutcome.SENT;
    }

    /**
     * Links the new account to the merchant in the transaction that creates it (a plain, synchronous listener: an
     * owner who logs in right after signing up must find their shop).
     */
    @EventListener
    void on(InvitationAccepted event) {
        jdbc.sql("""
                        update savings_merchant_invitation set accepted_at = ?, account_id = ?
                        where tenant_id = ? and invitation_id = ? and accepted_at is null
                        returning merchant_id, role""")
                .params(Timestamp.from(clock.instant()), event.account().value(), event.tenant().value(),
                        event.invitationId())
                .query((rs, n) -> Map.entry(rs.getObject("merchant_id", UUID.class),
                        Merchants.StaffRole.valueOf(rs.getString("role"))))
                .optional()
                .ifPresent(link -> merchants.link(event.tenant(), link.getKey(), event.account(), link.getValue(),
                        Actor.SYSTEM));
    }

    /** Invitations of the merchant not yet accepted (expired ones included until accepted or replaced). */
    public List<PendingInvitation> pending(TenantId tenant, UUID merchantId) {
        return jdbc.sql("""
                        select invitation_id, email, role, created_at from savings_merchant_invitation
                        where tenant_id = ? and merchant_id = ? and accepted_at is null order by created_at desc""")
                .params(tenant.value(), merchantId)
                .query((rs, n) -> new PendingInvitation(rs.getObject("invitation_id", UUID.class),
                        rs.getString("email"), Merchants.StaffRole.valueOf(rs.getString("role")),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    public List<Member> members(TenantId tenant, UUID merchantId) {
        return merchants.staff(tenant, merchantId).stream()
                .flatMap(s -> accounts.profile(tenant, s.account()).stream()
                        .map(p -> new Member(s.account(), p.displayName(), p.email(), s.role(), p.enabled(), s.since())))
                .toList();
    }

    /** Removes a cashier from the shop: the link goes and the account is disabled (it cannot work elsewhere). */
    @Transactional
    public boolean removeCashier(TenantId tenant, UUID merchantId, UserId cashier, Actor by) {
        Optional<Merchants.Membership> membership = merchants.membershipOf(tenant, cashier)
                .filter(m -> m.merchantId().equals(merchantId) && m.role() == Merchants.StaffRole.CASHIER);
        if (membership.isEmpty() || !merchants.unlink(tenant, merchantId, cashier, by)) {
            return false;
        }
        accounts.disable(tenant, cashier, "merchant-staff-removed", by);
        return true;
    }
}
