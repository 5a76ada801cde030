package eu.localeconomy.account;

import eu.localeconomy.audit.AuditLog;
import eu.localeconomy.mail.MailOutbox;
import eu.localeconomy.mail.OutgoingMail;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantContext;
import eu.localeconomy.shared.UserId;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Passwordless login for citizens and tourism professionals: a single-use link, valid for minutes, sent to the
 * account's address. Only citizen and professional accounts without a second factor get one: staff and merchants hold
 * more than their own data and log in with a password (and TOTP).
 */
@Service
class LoginLinks {

    private final UserAccountRepository accounts;
    private final AccountTokens tokens;
    private final MailOutbox mail;
    private final AuditLog audit;
    private final SecurityProperties properties;
    private final Clock clock;

    LoginLinks(UserAccountRepository accounts, AccountTokens tokens, MailOutbox mail, AuditLog audit,
               SecurityProperties properties, Clock clock) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.mail = mail;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
    }

    /** Roles that may log in with a link. */
    static final java.util.Set<Role> ROLES = java.util.EnumSet.of(Role.CITIZEN, Role.PROFESSIONAL);

    /** Mails a link if the address has a citizen or professional account here; the caller answers the same either way. */
    @Transactional
    void request(TenantContext tenant, String email, Language pageLanguage) {
        Optional<UserAccount> account = accounts.findByEmail(tenant.id(), email.trim())
                .filter(a -> a.enabled() && ROLES.contains(a.role()) && !a.totpEnabled());
        if (account.isEmpty()) {
            audit.record(Actor.ANONYMOUS, tenant.id(), "login.link.requested", null, null, Map.of("matched", false));
            return;
        }
        UserAccount user = account.get();
        Instant now = clock.instant();
        tokens.revokeOpen(user.id(), AccountTokens.Purpose.LOGIN_LINK, now);
        String secret = tokens.issue(tenant.id(), AccountTokens.Purpose.LOGIN_LINK, user.id(), user.email(), null, null,
                null, now, now.plus(properties.loginLinkValidity()));
        mail.enqueue(new OutgoingMail(tenant.id(), user.email(), user.language() != null ? user.language() : pageLanguage,
                "citizen-login-link", Map.of(
                "name", user.displayName(),
                "tenantName", tenant.name(),
                "link", tenant.path() + "/login/link/" + secret,
                "validMinutes", properties.loginLinkValidity().toMinutes())));
        audit.record(Actor.ANONYMOUS, tenant.id(), "login.link.requested", "user", user.id(), Map.of("matched", true));
    }

    boolean usable(TenantContext tenant, String secret) {
        return tokens.find(tenant.id(), AccountTokens.Purpose.LOGIN_LINK, secret)
                .filter(t -> t.usableAt(clock.instant())).isPresent();
    }

    /** Uses the link: the person it logs in, once. */
    @Transactional
    Optional<UserId> use(TenantContext tenant, String secret) {
        var token = tokens.find(tenant.id(), AccountTokens.Purpose.LOGIN_LINK, secret);
        if (token.isEmpty() || !tokens.consume(token.get().id(), clock.instant())) {
            audit.record(Actor.ANONYMOUS, tenant.id(), "login.link.rejected", null, null, Map.of());
            return Optional.empty();
        }
        return Optional.of(token.get().userId());
    }
}
