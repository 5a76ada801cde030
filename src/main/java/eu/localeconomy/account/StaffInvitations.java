package eu.localeconomy.account;

import eu.localeconomy.audit.AuditLog;
import eu.localeconomy.mail.MailOutbox;
import eu.localeconomy.mail.OutgoingMail;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantContext;
import eu.localeconomy.shared.UserId;
import eu.localeconomy.tenant.TenantCreated;
import eu.localeconomy.tenant.Tenants;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Invitations by e-mail: a tenant administrator invites a colleague in a role; the link lets them choose their name
 * and password, which creates the account. Also invites the first administrator of a new tenant.
 */
@Service
class StaffInvitations {

    enum Outcome { CREATED, INVALID_LINK, EMAIL_TAKEN }

    private final AccountTokens tokens;
    private final UserAccountRepository accounts;
    private final MailOutbox mail;
    private final PasswordEncoder passwordEncoder;
    private final AuditLog audit;
    private final Tenants tenants;
    private final SecurityProperties properties;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    StaffInvitations(AccountTokens tokens, UserAccountRepository accounts, MailOutbox mail,
                     PasswordEncoder passwordEncoder, AuditLog audit, Tenants tenants, SecurityProperties properties,
                     Clock clock, ApplicationEventPublisher events) {
        this.events = events;
        this.tokens = tokens;
        this.accounts = accounts;
        this.mail = mail;
        this.passwordEncoder = passwordEncoder;
        this.audit = audit;
        this.tenants = tenants;
        this.properties = properties;
        this.clock = clock;
    }

    /** Invites a colleague; {@code invitedBy} is a person, an API client, or null for the platform itself. */
    @Transactional
    UUID invite(TenantContext tenant, String email, Role role, Language language, Actor invitedBy) {
        if (!role.isStaff()) {
            throw new IllegalArgumentException("only staff roles are invited here");
        }
        return send(tenant, email, role, language, invitedBy);
    }

    /**
     * Invites someone to work for a merchant (owner or cashier). The caller keeps the returned invitation id to
     * recognise the {@link InvitationAccepted} event and link the new account.
     */
    @Transactional
    UUID inviteMerchantStaff(TenantContext tenant, String email, Role role, Language language, Actor invitedBy) {
        if (role.area() != Role.Area.MERCHANT) {
            throw new IllegalArgumentException("only merchant roles are invited here");
        }
        return send(tenant, email, role, language, invitedBy);
    }

    /**
     * Invites a tourism professional to the extranet ({@link Role#PROFESSIONAL}); as for merchant staff, the caller
     * keeps the invitation id to link the new account to the establishments it was for.
     */
    @Transactional
    UUID inviteProfessional(TenantContext tenant, String email, Language language, Actor invitedBy) {
        if (!Role.PROFESSIONAL.existsIn(tenant.kind())) {
            throw new IllegalArgumentException("professionals belong to tourism offices");
        }
        return send(tenant, email, Role.PROFESSIONAL, language, invitedBy);
    }

    private UUID send(TenantContext tenant, String email, Role role, Language language, Actor invitedBy) {
        Instant now = clock.instant();
        String secret = tokens.issue(tenant.id(), AccountTokens.Purpose.INVITATION, null, email.trim(), role, language,
                invitedBy instanceof AccountPrincipal person ? person.userId() : null, now,
                now.plus(properties.invitationValidity()));
        mail.enqueue(new OutgoingMail(tenant.id(), email.trim(), language, "invitation", Map.of(
                "tenantName", tenant.name(),
                "inviter", invitedBy instanceof AccountPrincipal person ? person.displayName() : "",
                "roleKey", "role." + role.name(),
                "link", tenant.path() + "/invitation?token=" + secret,
                "validDays", properties.invitationValidity().toDays())));
        var token = tokens.find(tenant.id(), AccountTokens.Purpose.INVITATION, secret).orElseThrow();
        audit.record(invitedBy == null ? Actor.SYSTEM : invitedBy, tenant.id(), "staff.invited", "invitation", token.id(),
                Map.of("role", role));
        return token.id();
    }

    /** A platform administrator created a tenant with an administrator's address: invite them. */
    @ApplicationModuleListener
    void on(TenantCreated event) {
        tenants.findBySlug(event.slug()).ifPresent(tenant ->
                invite(tenant, event.administratorEmail(), Role.TENANT_ADMIN, event.language(), null));
    }

    Optional<AccountTokens.Token> usableInvitation(TenantContext tenant, String secret) {
        return tokens.find(tenant.id(), AccountTokens.Purpose.INVITATION, secret).filter(t -> t.usableAt(clock.instant()));
    }

    @Transactional
    Outcome accept(TenantContext tenant, String secret, String displayName, String password) {
        Instant now = clock.instant();
        var token = tokens.find(tenant.id(), AccountTokens.Purpose.INVITATION, secret);
        if (token.isEmpty() || !tokens.consume(token.get().id(), now)) {
            return Outcome.INVALID_LINK;
        }
        var invitation = token.get();
        if (accounts.findByEmail(tenant.id(), invitation.email()).isPresent()) {
            return Outcome.EMAIL_TAKEN;
        }
        var id = new UserId(UUID.randomUUID());
        accounts.insert(new UserAccount(id, tenant.id(), invitation.email(), displayName.trim(), invitation.role(),
                passwordEncoder.encode(password), invitation.language(), true, 0, null, null, false, now, null));
        audit.record(Actor.ANONYMOUS, tenant.id(), "staff.invitation.accepted", "user", id,
                Map.of("role", invitation.role(), "invitation", invitation.id()));
        events.publishEvent(new InvitationAccepted(tenant.id(), invitation.id(), id, invitation.role()));
        return Outcome.CREATED;
    }

    @Transactional
    boolean revoke(TenantContext tenant, UUID invitationId, AccountPrincipal by) {
        boolean revoked = tokens.revoke(tenant.id(), invitationId, clock.instant()) == 1;
        if (revoked) {
            audit.record(by, tenant.id(), "staff.invitation.revoked", "invitation", invitationId, Map.of());
        }
        return revoked;
    }

    /** Sends a fresh link and retires the old one. */
    @Transactional
    boolean resend(TenantContext tenant, UUID invitationId, AccountPrincipal by) {
        Optional<AccountTokens.Token> old = tokens.findInvitation(tenant.id(), invitationId)
                .filter(t -> t.usedAt() == null && t.revokedAt() == null);
        if (old.isEmpty()) {
            return false;
        }
        tokens.revoke(tenant.id(), invitationId, clock.instant());
        invite(tenant, old.get().email(), old.get().role(), old.get().language(), by);
        return true;
    }

}
