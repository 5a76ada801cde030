package eu.localeconomy.account;

import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.SecureTokens;
import eu.localeconomy.shared.TenantId;
import eu.localeconomy.shared.UserId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Single-use e-mailed secrets. The token itself travels only in the e-mail; the table keeps its SHA-256.
 * Consumption is one conditional update, so a link used twice at the same moment still works only once.
 */
@Repository
class AccountTokens {

    enum Purpose { PASSWORD_RESET, INVITATION, LOGIN_LINK }

    record Token(UUID id, TenantId tenantId, Purpose purpose, UserId userId, String email, Role role, Language language,
                 Instant createdAt, Instant expiresAt, Instant usedAt, Instant revokedAt) {

        boolean usableAt(Instant now) {
            return usedAt == null && revokedAt == null && expiresAt.isAfter(now);
        }
    }

    private static final String SELECT = """
            select id, tenant_id, purpose, user_id, email, role, language, created_at, expires_at, used_at, revoked_at
            from account_token
""";

    private final JdbcClient jdbc;

    AccountTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a new token and returns the secret to put in the link. */
    String issue(TenantId tenant, Purpose purpose, UserId user, String email, Role role, Language language,
                 UserId createdBy, Instant now, Instant expiresAt) {
        String secret = SecureTokens.newToken();
        jdbc.sql("""
                        insert into account_token (id, tenant_id, purpose, token_hash, user_id, email, role, language, created_by,
                            created_at, expires_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(UUID.randomUUID(), tenant == null ? null : tenant.value(), purpose.name(), SecureTokens.digest(secret),
                        user == null ? null : user.value(), email, role == null ? null : role.name(),
                        language == null ? null : language.code(), createdBy == null ? null : createdBy.value(),
                        Timestamp.from(now), Timestamp.from(expiresAt))
                .update();
        return secret;
    }

    Optional<Token> find(TenantId tenant, Purpose purpose, String secret) {
        if (secret == null || secret.length() > 100) {
            return Optional.empty();
        }
        return jdbc.sql(SELECT + "where token_hash = ? and purpose = ? and tenant_id is not distinct from ?")
                .params(SecureTokens.digest(secret), purpose.name(), tenant == null ? null : tenant.value())
                .query((rs, n) -> map(rs)).optional();
    }

    /** Marks the token used if it still can be; false if someone else used, revoked, or it expired. */
    boolean consume(UUID id, Instant now) {
        return jdbc.sql("update account_token set used_at = ? where id = ? and used_at is null and revoked_at is null and expires_at > ?")
                .params(Timestamp.from(now), id, Timestamp.from(now)).update() == 1;
    }

    List<Token> pendingInvitations(TenantId tenant, Instant now) {
        return jdbc.sql(SELECT + """
                        where tenant_id = ? and purpose = 'INVITATION' and used_at is null and revoked_at is null
                          and expires_at > ?
                        order by created_at desc""")
                .params(tenant.value(), Timestamp.from(now)).query((rs, n) -> map(rs)).list();
    }

    int revoke(TenantId tenant, UUID id, Instant now) {
        return jdbc.sql("update account_token set revoked_at = ? where tenant_id = ? and id = ? and used_at is null and revoked_at is null")
                .params(Timestamp.from(now), tenant.value(), id).update();
    }

    void revokeOpenResets(UserId user, Instant now) {
        jdbc.sql("update account_token set revoked_at = ? where user_id = ? and purpose = 'PASSWORD_RESET' and used_at is null and revoked_at is null")
                .params(Timestamp.from(now), user.value()).update();
    }

    /** Revokes the person's open links of one kind: only the newest one works. */
    void revokeOpen(UserId user, Purpose purpose, Instant now) {
        jdbc.sql("update account_token set revoked_at = ? where user_id = ? and purpose = ? and used_at is null and revoked_at is null")
                .params(Timestamp.from(now), user.value(), purpose.name()).update();
    }

    Optional<Token> findInvitation(TenantId tenant, UUID id) {
        return jdbc.sql(SELECT + "where tenant_id = ? and id = ? and purpose = 'INVITATION'")
                .params(tenant.value(), id).query((rs, n) -> map(rs)).optional();
    }

    private static Token map(java.sql.ResultSet rs) throws java.sql.SQLException {
        UUID tenant = rs.getObject("tenant_id", UUID.class);
        UUID user = rs.getObject("user_id", UUID.class);
        String role = rs.getString("role");
        Timestamp used = rs.getTimestamp("used_at");
        Timestamp revoked = rs.getTimestamp("revoked_at");
        return new Token(rs.getObject("id", UUID.class), tenant == null ? null : new TenantId(tenant),
                Purpose.valueOf(rs.getString("purpose")), user == null ? null : new UserId(user), rs.getString("email"),
                role == null ? null : Role.valueOf(role), Language.fromCode(rs.getString("language")).orElse(null),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("expires_at").toInstant(),
                used == null ? null : used.toInstant(), revoked == null ? null : revoked.toInstant());
    }
}
