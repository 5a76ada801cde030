package eu.localeconomy.account;

import eu.localeconomy.audit.AuditLog;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.RequestOrigin;
import eu.localeconomy.shared.TenantContext;
import eu.localeconomy.shared.TenantId;
import eu.localeconomy.shared.UserId;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.Errors;

import java.time.Clock;
import java.time.Instant;
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
    private final LoginThrottle throttle;
    private final Clock clock;

    Accounts(UserAccountRepository repository, StaffInvitations invitations, PasswordEncoder passwordEncoder,
             AuditLog audit, FindByIndexNameSessionRepository<? extends Session> sessions, LoginThrottle throttle,
             Clock clock) {
        this.repository = repository;
        this.throttle = throttle;
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

    /**
     * The citizen account of an e-mail address in a tenant, created if there is none (enrolment: a second card of the
     * same person links to the same account). The caller proved the address is the person's (a verification link);
     * a password, if given, replaces the account's. A citizen account disabled by a consent withdrawal is enabled
     * again. Empty when the address belongs to a staff or merchant account, which a citizen enrolment must not take
     * over.
     */
    @Transactional
    public Optional<UserId> citizenAccount(TenantId tenant, String email, String displayName, Language language,
                                           String rawPasswordOrNull) {
        Optional<UserAccount> existing = repository.findByEmail(tenant, email.trim());
        if (existing.isPresent()) {
            UserAccount account = existing.get();
            if (account.role() != Role.CITIZEN) {
                return Optional.empty();
            }
            if (!account.enabled()) {
                // Citizen accounts are disabled only when their holder withdraws consent; enrolling again (identified,
                // address verified, consent given anew) brings the same account back rather than a second one.
                repository.updateEnabled(tenant, account.id(), true);
                audit.record(Actor.SYSTEM, tenant, "account.enabled", "user", account.id(), Map.of("reason", "re-enrolled"));
            }
            if (rawPasswordOrNull != null) {
                repository.updatePassword(account.id(), passwordEncoder.encode(rawPasswordOrNull));
            }
            audit.record(Actor.SYSTEM, tenant, "account.linked", "user", account.id(), Map.of("role", Role.CITIZEN));
            return Optional.of(account.id());
        }
        String name = displayName == null || displayName.isBlank() ? email.trim() : displayName.trim();
        return Optional.of(create(tenant, email, name.length() > 200 ? name.substring(0, 200) : name, Role.CITIZEN,
                language, rawPasswordOrNull));
    }

    /** The platform's password rules, reported as field errors on {@code password} and {@code confirmation}. */
    public void checkNewPassword(String password, String confirmation, String email, Errors errors) {
        PasswordPolicy.check(password, confirmation, email, errors);
    }

    /**
     * Logs a person in on this request, as the login form would: a new session id, the security context stored in
     * the (database) session. Only for people without a second factor; false (and nothing done) otherwise.
     */
    public boolean logIn(TenantContext tenant, UserId user, String method, HttpServletRequest request,
                         HttpServletResponse response) {
        var found = repository.findById(tenant.id(), user);
        if (found.isEmpty() || !found.get().enabled() || found.get().totpEnabled()) {
            return false;
        }
        UserAccount account = found.get();
        var principal = new AccountPrincipal(account.id(), account.tenantId(), tenant.slug(), account.displayName(),
                account.role(), account.language() == null ? tenant.defaultLanguage() : account.language());
        AccountSessions.logIn(principal, request, response);
        repository.recordSuccess(account.id(), clock.instant());
        audit.record(principal, tenant.id(), "login.succeeded", "user", account.id(), Map.of("method", method));
        return true;
    }

    /** Invites a colleague in a staff role by e-mail, on behalf of a person or an API client. */
    public UUID inviteStaff(TenantContext tenant, String email, Role role, Language language, Actor invitedBy) {
        return invitations.invite(tenant, email, role, language, invitedBy);
    }

    /**
     * Invites someone by e-mail to work for a merchant as {@link Role#MERCHANT_OWNER} or {@link Role#CASHIER}; the
     * returned invitation id comes back in {@link InvitationAccepted} when they accept.
     */
    public UUID inviteMerchantStaff(TenantContext tenant, String email, Role role, Language language, Actor invitedBy) {
        return invitations.inviteMerchantStaff(tenant, email, role, language, invitedBy);
    }

    /**
     * Invites a tourism professional to the extranet by e-mail; the returned invitation id comes back in
     * {@link InvitationAccepted} (role {@link Role#PROFESSIONAL}) when they accept.
     */
    public UUID inviteProfessional(TenantContext tenant, String email, Language language, Actor invitedBy) {
        return invitations.inviteProfessional(tenant, email, language, invitedBy);
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
        return repository.findById(tenant, id).map(Accounts::profileOf);
    }

    /** The tenant's account with this login address (ignoring case), if any. */
    public Optional<AccountProfile> profileByEmail(TenantId tenant, String email) {
        return repository.findByEmail(tenant, email.trim()).map(Accounts::profileOf);
    }

    private static AccountProfile profileOf(UserAccount a) {
        return new AccountProfile(a.id(), a.tenantId(), a.email(), a.displayName(), a.role(), a.language(),
                a.enabled(), a.passwordHash() != null, a.createdAt(), a.lastLoginAt());
    }

    /**
     * Whether the typed password is the account's; false for accounts without a password. The login form's
     * protections apply (per-address limit, consecutive failures lock the account), so that a session left open
     * cannot be used to guess the password.
     */
    public boolean passwordMatches(TenantId tenant, UserId id, String rawPassword) {
        var account = repository.findById(tenant, id).filter(a -> a.passwordHash() != null);
        if (rawPassword == null || rawPassword.isEmpty() || account.isEmpty()) {
            return false;
        }
        Instant now = clock.instant();
        if (account.get().lockedAt(now) || !throttle.tryAttempt(RequestOrigin.ipAddress())) {
            return false;
        }
        if (passwordEncoder.matches(rawPassword, account.get().passwordHash())) {
            return true;
        }
        int failures = account.get().failedLogins() + 1;
        Instant lockedUntil = throttle.lockAfter(failures, now);
        repository.recordFailure(id, failures, lockedUntil);
        if (lockedUntil != null) {
            audit.record(tenant, "account.locked", "user", id, Map.of("reason", "bad-password", "consecutiveFailures", failures));
        }
        return false;
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
