package eu.localeconomy.account;

import eu.localeconomy.audit.AuditLog;
import eu.localeconomy.mail.MailOutbox;
import eu.localeconomy.mail.OutgoingMail;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantContext;
import eu.localeconomy.shared.TenantId;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** "Forgot your password": an e-mailed, single-use, expiring link. */
@Service
class PasswordResets {

    enum Outcome { DONE, INVALID_LINK }

    private final UserAccountRepository accounts;
    private final AccountTokens tokens;
    private final MailOutbox mail;
    private final PasswordEncoder passwordEncoder;
    private final AuditLog audit;
    private final SecurityProperties properties;
    private final Accounts sessions;
    private final Clock clock;

    PasswordResets(UserAccountRepository accounts, AccountTokens tokens, MailOutbox mail, PasswordEncoder passwordEncoder,
                   AuditLog audit, SecurityProperties properties, Accounts sessions, Clock clock) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.mail = mail;
        this.passwordEncoder = passwordEncoder;
        this.audit = audit;
        this.properties = properties;
        this.sessions = sessions;
        this.clock = clock;
    }

    /**
     * Sends a reset link if the address has an account in this tenant. The caller shows the same answer either way,
     * so the form cannot be used to find out who has an account.
     */
    @Transactional
    void request(TenantContext tenant, String email, Language pageLanguage) {
        TenantId tenantId = tenant == null ? null : tenant.id();
        Optional<UserAccount> account = accounts.findByEmail(tenantId, email.trim());
        if (account.isEmpty() || !account.get().enabled()) {
            audit.record(Actor.ANONYMOUS, tenantId, "password.reset.requested", null, null, Map.of("matched", false));
            return;
        }
        UserAccount user = account.get();
        Instant now = clock.instant();
        tokens.revokeOpenResets(user.id(), now);
        String secret = tokens.issue(tenantId, AccountTokens.Purpose.PASSWORD_RESET, user.id(), user.email(), null, null,
                null, now, now.plus(properties.resetValidity()));
        Language language = user.language() != null ? user.language() : pageLanguage;
        String base = tenant == null ? "" : tenant.path();
        mail.enqueue(new OutgoingMail(tenantId, user.email(), language, "password-reset", Map.of(
                "name", user.displayName(),
                "tenantName", tenant == null ? "" : tenant.name(),
                "link", base + "/password/reset?token=" + secret,
                "validMinutes", properties.resetValidity().toMinutes())));
        audit.record(Actor.ANONYMOUS, tenantId, "password.reset.requested", "user", user.id(), Map.of("matched", true));
    }

    boolean linkUsable(TenantContext tenant, String secret) {
        return tokens.find(tenant == null ? null : tenant.id(), AccountTokens.Purpose.PASSWORD_RESET, secret)
                .filter(t -> t.usableAt(clock.instant())).isPresent();
    }

    Optional<String> emailOf(TenantContext tenant, String secret) {
        return tokens.find(tenant == null ? null : tenant.id(), AccountTokens.Purpose.PASSWORD_RESET, secret)
                .map(AccountTokens.Token::email);
    }

    @Transactional
    Outcome reset(TenantContext tenant, String secret, String newPassword) {
        TenantId tenantId = tenant == null ? null : tenant.id();
        Instant now = clock.instant();
        var token = tokens.find(tenantId, AccountTokens.Purpose.PASSWORD_RESET, secret);
        if (token.isEmpty() || !tokens.consume(token.get().id(), now)) {
            audit.record(Actor.ANONYMOUS, tenantId, "password.reset.rejected", null, null, Map.of("reason", "invalid-link"));
            return Outcome.INVALID_LINK;
        }
        accounts.updatePassword(token.get().userId(), passwordEncoder.encode(newPassword));
        audit.record(Actor.ANONYMOUS, tenantId, "password.reset.completed", "user", token.get().userId(), Map.of());
        // Whoever held a session with the old password loses it.
        sessions.endSessions(token.get().userId());
        return Outcome.DONE;
    }
}
