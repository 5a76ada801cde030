package eu.localeconomy.account;

import eu.localeconomy.audit.AuditLog;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantContext;
import eu.localeconomy.shared.TenantId;
import eu.localeconomy.shared.UserId;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The accounts module's public API for other modules (creating people, looking them up). */
@Service
public class Accounts {

    private final UserAccountRepository repository;
    private final StaffInvitations invitations;
    private final PasswordEncoder passwordEncoder;
    private final AuditLog audit;
    private final FindByIndexNameSessionRepository<? extends Session> sessions;
    private final Clock clock;

    Accounts(UserAccountRepository repository, StaffInvitations invitations, PasswordEncoder passwordEncoder,
             AuditLog audit, FindByIndexNameSessionRepository<? extends Session> sessions, Clock clock) {
        this.repository = repository;
        this.invitations = invitations;
        this.passwordEncoder = passwordEncoder;
        this.audit = audit;
        this.sessions = sessions;
        this.clock = clock;
    }

    /** Creates an account with a password (demo data, imports). Null password: the person sets one by e-mail. */
    @Transactional
    public UserId create(TenantId tenant, String email, String displayName, Role role, Language language,
                         String rawPassword) {
        if ((tenant == null) != (role == Role.PLATFORM_ADMIN)) {
            throw new IllegalArgumentException("platform administrators, and only they, have no tenant");
        }
        var id = new UserId(UUID.randomUUID());
        repository.insert(new UserAccount(id, tenant, email.trim(), displayName.trim(), role,
                rawPassword == null ? null : passwordEncoder.encode(rawPassword), language, true, 0, null, null,
                false, clock.instant(), null));
        audit.record(Actor.SYSTEM, tenant, "account.created", "user", id, Map.of("role", role));
        return id;
    }

    /** Invites a colleague in a staff role by e-mail, on behalf of a person or an API client. */
    public UUID inviteStaff(TenantContext tenant, String email, Role role, Language language, Actor invitedBy) {
        return invitations.invite(tenant, email, role, language, invitedBy);
    }

    public boolean emailTaken(TenantId tenant, String email) {
        return repository.findByEmail(tenant, email.trim()).isPresent();
    }

    public Optional<String> displayName(TenantId tenant, UserId id) {
        return repository.findById(tenant, id).map(UserAccount::displayName);
    }

    /** Stores a person's language choice and refreshes their session so every following page uses it. */
    @Transactional
    public void changeLanguage(AccountPrincipal principal, Language language, HttpServletRequest request,
                               HttpServletResponse response) {
        repository.updateLanguage(principal.userId(), language);
        AccountSessions.replacePrincipal(principal.withLanguage(language), request, response);
    }

    /** Ends every session of a person, on every node (their role, status or password changed). */
    public void endSessions(UserId user) {
        sessions.findByPrincipalName(user.toString()).keySet().forEach(sessions::deleteById);
    }

    public Optional<AccountProfile> profile(TenantId tenant, UserId id) {
        return repository.findById(tenant, id).map(a -> new AccountProfile(a.id(), a.tenantId(), a.email(),
                a.displayName(), a.role(), a.language(), a.enabled(), a.passwordHash() != null, a.createdAt(),
                a.lastLoginAt()));
    }

    /** Whether the typed password is the account's; false for accounts without a password. */
    public boolean passwordMatches(TenantId tenant, UserId id, String rawPassword) {
        return rawPassword != null && !rawPassword.isEmpty() && repository.findById(tenant, id)
                .filter(a -> a.passwordHash() != null)
                .map(a -> passwordEncoder.matches(rawPassword, a.passwordHash())).orElse(false);
    }

    /**
     * Changes a person's login address once the caller has proven it is theirs to change. False when another
     * account of the tenant already uses the address (the unique index remains the guard against a race).
     */
    @Transactional
    public boolean changeEmail(TenantId tenant, UserId id, String newEmail, Actor actor) {
        if (repository.updateEmail(tenant, id, newEmail.trim()) != 1) {
            return false;
        }
        audit.record(actor, tenant, "account.email.changed", "user", id, Map.of());
        return true;
    }

    /** Disables an account and ends its sessions everywhere; the reason is a code, never free text. */
    @Transactional
    public void disable(TenantId tenant, UserId id, String reason, Actor actor) {
        if (repository.updateEnabled(tenant, id, false) == 1) {
            audit.record(actor, tenant, "account.disabled", "user", id, Map.of("reason", reason));
        }
        endSessions(id);
    }
}
