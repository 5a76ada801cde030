package eu.localeconomy.savings.portal;

import eu.localeconomy.account.AccountPrincipal;
import eu.localeconomy.account.AccountProfile;
import eu.localeconomy.account.Accounts;
import eu.localeconomy.audit.AuditLog;
import eu.localeconomy.mail.MailOutbox;
import eu.localeconomy.mail.OutgoingMail;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.SecureTokens;
import eu.localeconomy.shared.TenantContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A citizen changes their e-mail address. With a password, typing it proves the request is theirs; a passwordless
 * account proves it by following a single-use link sent to the new address (which also proves the address works).
 * The account, all the person's enrolments and the old address (told of the change) are handled in one transaction.
 */
@Service
class EmailChanges {

    enum Outcome { CHANGED, CONFIRMATION_SENT, SAME, TAKEN, WRONG_PASSWORD, INVALID_LINK }

    static final Duration LINK_VALIDITY = Duration.ofHours(24);

    private final Accounts accounts;
    private final PortalRepository portal;
    private final JdbcClient jdbc;
    private final MailOutbox mail;
    private final AuditLog audit;
    private final Clock clock;

    EmailChanges(Accounts accounts, PortalRepository portal, JdbcClient jdbc, MailOutbox mail, AuditLog audit,
                 Clock clock) {
        this.accounts = accounts;
        this.portal = portal;
        this.jdbc = jdbc;
        this.mail = mail;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    Outcome request(TenantContext tenant, AccountPrincipal me, String newEmail, String password, Language language) {
        AccountProfile account = accounts.profile(tenant.id(), me.userId()).orElseThrow();
        String email = newEmail.strip();
        if (email.equalsIgnoreCase(account.email())) {
            return Outcome.SAME;
        }
        // The password first: whoever holds a session without knowing it learns nothing about other addresses.
        if (account.hasPassword() && !accounts.passwordMatches(tenant.id(), me.userId(), password)) {
            audit.record(me, tenant.id(), "account.email.change-refused", "user", me.userId(),
                    Map.of("reason", "wrong-password"));
            return Outcome.WRONG_PASSWORD;
        }
        if (accounts.emailTaken(tenant.id(), email)) {
            return Outcome.TAKEN;
        }
        if (account.hasPassword()) {
            return apply(tenant, me, account, email);
        }
        Instant now = clock.instant();
        // Only the latest link counts: an earlier one may have gone to a mistyped address.
        jdbc.sql("""
                        update savings_email_change set revoked_at = ?
                        where tenant_id = ? and user_id = ? and used_at is null and revoked_at is null""")
                .params(Timestamp.from(now), tenant.id().value(), me.userId().value()).update();
        String secret = SecureTokens.newToken();
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into savings_email_change (id, tenant_id, user_id, new_email, token_hash, created_at, expires_at)
                        values (?, ?, ?, ?, ?, ?, ?)""")
                .params(id, tenant.id().value(), me.userId().value(), email, SecureTokens.digest(secret),
                        Timestamp.from(now), Timestamp.from(now.plus(LINK_VALIDITY)))
                .update();
        mail.enqueue(new OutgoingMail(tenant.id(), email, language, "citizen-email-confirm", Map.of(
                "name", account.displayName(),
                "tenantName", tenant.name(),
                "link", tenant.path() + "/me/email/confirm/" + secret,
                "validHours", LINK_VALIDITY.toHours())));
        audit.record(me, tenant.id(), "account.email.confirmation-sent", "user", me.userId(), Map.of("request", id));
        return Outcome.CONFIRMATION_SENT;
    }

    /** Follows the link from the new address; it works once, before it expires, for the person who asked. */
    @Transactional
    Outcome confirm(TenantContext tenant, AccountPrincipal me, String secret) {
        if (secret == null || secret.isBlank() || secret.length() > 100) {
            return Outcome.INVALID_LINK;
        }
        Instant now = clock.instant();
        var email = jdbc.sql("""
                        update savings_email_change set used_at = ?
                        where tenant_id = ? and user_id = ? and token_hash = ? and used_at is null and revoked_at is null
                          and expires_at > ?
                        returning new_email""")
                .params(Timestamp.from(now), tenant.id().value(), me.userId().value(), SecureTokens.digest(secret),
                        Timestamp.from(now))
                .query(String.class).optional();
        if (email.isEmpty()) {
            audit.record(me, tenant.id(), "account.email.change-refused", "user", me.userId(),
                    Map.of("reason", "invalid-link"));
            return Outcome.INVALID_LINK;
        }
        return apply(tenant, me, accounts.profile(tenant.id(), me.userId()).orElseThrow(), email.get());
    }

    private Outcome apply(TenantContext tenant, AccountPrincipal me, AccountProfile account, String email) {
        if (!accounts.changeEmail(tenant.id(), me.userId(), email, me)) {
            return Outcome.TAKEN;
        }
        portal.updateEnrolmentEmail(tenant.id(), me.userId(), email, clock.instant());
        // The old address hears of it: if someone else made the change, its owner learns it and can call the city.
        Language language = account.language() != null ? account.language() : tenant.defaultLanguage();
        mail.enqueue(new OutgoingMail(tenant.id(), account.email(), language, "citizen-email-changed", Map.of(
                "name", account.displayName(),
                "tenantName", tenant.name())));
        return Outcome.CHANGED;
    }
}
