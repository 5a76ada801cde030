package eu.localeconomy.api;

import eu.localeconomy.audit.AuditLog;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.SecureTokens;
import eu.localeconomy.shared.TenantId;
import eu.localeconomy.shared.UserId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * API tokens: {@code lep_<prefix>_<secret>}. The prefix finds the row and is shown in lists; only the SHA-256 of
 * the whole token is stored, and the full token is shown once, when it is created.
 */
@Service
class ApiTokens {

    static final String PREFIX = "lep_";
    private static final Duration LAST_USED_GRANULARITY = Duration.ofMinutes(1);

    record Token(UUID id, String name, String prefix, Set<ApiScope> scopes, Instant createdAt, Instant expiresAt,
                 Instant lastUsedAt, Instant revokedAt) {

        public boolean activeAt(Instant now) {
            return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
        }
    }

    record Created(UUID id, String token) {
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    ApiTokens(JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    Created create(TenantId tenant, String name, Set<ApiScope> scopes, Instant expiresAt, UserId createdBy, Actor actor) {
        String prefix = SecureTokens.randomAlphanumeric(10);
        String token = PREFIX + prefix + "_" + SecureTokens.newToken();
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into api_token (id, tenant_id, name, token_prefix, token_hash, scopes, created_by, created_at, expires_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, tenant.value(), name, prefix, SecureTokens.digest(token),
                        scopes.stream().map(ApiScope::code).sorted().collect(Collectors.joining(" ")), createdBy.value(),
                        Timestamp.from(clock.instant()), expiresAt == null ? null : Timestamp.from(expiresAt))
                .update();
        audit.record(actor, tenant, "api.token.created", "api-token", id, Map.of("prefix", prefix,
                "scopes", scopes.stream().map(ApiScope::code).sorted().toList()));
        return new Created(id, token);
    }

    List<Token> list(TenantId tenant) {
        return jdbc.sql("""
                        select id, name, token_prefix, scopes, created_at, expires_at, last_used_at, revoked_at
                        from api_token where tenant_id = ? order by created_at desc""")
                .param(tenant.value())
                .query((rs, n) -> new Token(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        scopes(rs.getString(4)), instant(rs.getTimestamp(5)), instant(rs.getTimestamp(6)),
                        instant(rs.getTimestamp(7)), instant(rs.getTimestamp(8))))
                .list();
    }

    @Transactional
    boolean revoke(TenantId tenant, UUID id, Actor actor) {
        boolean revoked = jdbc.sql("update api_token set revoked_at = ? where tenant_id = ? and id = ? and revoked_at is null")
                .params(Timestamp.from(clock.instant()), tenant.value(), id).update() == 1;
        if (revoked) {
            audit.record(actor, tenant, "api.token.revoked", "api-token", id, Map.of());
        }
        return revoked;
    }

    /** The client a presented token belongs to, if it is genuine, not revoked and not expired. */
    Optional<ApiClientPrincipal> authenticate(String presented) {
        if (presented == null || !presented.startsWith(PREFIX) || presented.length() > 200) {
            return Optional.empty();
        }
        String[] parts = presented.substring(PREFIX.length()).split("_", 2);
        if (parts.length != 2) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        var row = jdbc.sql("""
                        select id, tenant_id, name, token_hash, scopes, expires_at, last_used_at, revoked_at
                        from api_token where token_prefix = ?""")
                .param(parts[0])
                .query((rs, n) -> new Object[]{rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getString(4), rs.getString(5), instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7)),
                        instant(rs.getTimestamp(8))})
                .optional();
        if (row.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = row.get();
        boolean hashMatches = MessageDigest.isEqual(((String) r[3]).getBytes(StandardCharsets.US_ASCII),
                SecureTokens.digest(presented).getBytes(StandardCharsets.US_ASCII));
        Instant expiresAt = (Instant) r[5];
        if (!hashMatches || r[7] != null || (expiresAt != null && !expiresAt.isAfter(now))) {
            return Optional.empty();
        }
        Instant lastUsed = (Instant) r[6];
        if (lastUsed == null || lastUsed.isBefore(now.minus(LAST_USED_GRANULARITY))) {
            // One write a minute per token at most: enough to tell which tokens are in use.
            jdbc.sql("update api_token set last_used_at = ? where id = ?").params(Timestamp.from(now), r[0]).update();
        }
        return Optional.of(new ApiClientPrincipal((UUID) r[0], new TenantId((UUID) r[1]), (String) r[2], scopes((String) r[4])));
    }

    private static Set<ApiScope> scopes(String stored) {
        Set<ApiScope> scopes = EnumSet.noneOf(ApiScope.class);
        Arrays.stream(stored.split(" ")).map(ApiScope::fromCode).flatMap(Optional::stream).forEach(scopes::add);
        return scopes;
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
