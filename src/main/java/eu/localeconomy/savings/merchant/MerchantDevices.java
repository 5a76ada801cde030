package eu.localeconomy.savings.merchant;

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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The phones, tablets and cash registers that scan cards for a merchant. A device's credential is shown once when
 * it is registered; only its hash is kept. Revoking a device stops it at once.
 * <p>
 * A credential reads {@code lmd_<prefix>_<secret>}: the prefix (unique, not secret) finds the row, the SHA-256 of
 * the whole credential is compared in constant time. The secret carries 32 random bytes.
 */
@Service
public class MerchantDevices {

    static final String SCHEME = "lmd_";
    static final int PREFIX_LENGTH = 10;
    /** A device scans many cards a minute: noting each scan would be a write per scan for no use. */
    static final Duration LAST_SEEN_RESOLUTION = Duration.ofMinutes(1);

    /** A registered device. */
    public record Device(TenantId tenant, UUID id, UUID merchantId, String name, boolean revoked) {
    }

    /** A device just registered, with the credential to store on it (never shown again). */
    public record RegisteredDevice(Device device, String credential) {
    }

    /** A device as its merchant's owner and the city see it. */
    public record DeviceView(Device device, Instant createdAt, Instant lastSeenAt, Instant revokedAt) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AuditLog audit;

    MerchantDevices(JdbcClient jdbc, Clock clock, AuditLog audit) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.audit = audit;
    }

    /** The device a credential belongs to; empty when unknown or revoked. Notes when the device was last seen. */
    public Optional<Device> authenticate(String credential) {
        String prefix = prefixOf(credential);
        if (prefix == null) {
            return Optional.empty();
        }
        record Row(Device device, String hash, Instant lastSeen) {
        }
        Optional<Row> row = jdbc.sql("select * from savings_merchant_device where credential_prefix = ?")
                .param(prefix)
                .query((rs, n) -> {
                    Timestamp seen = rs.getTimestamp("last_seen_at");
                    return new Row(device(rs, n), rs.getString("credential_hash"), seen == null ? null : seen.toInstant());
                })
                .optional();
        if (row.isEmpty() || row.get().device().revoked()
                || !MessageDigest.isEqual(row.get().hash().getBytes(StandardCharsets.US_ASCII),
                SecureTokens.digest(credential).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Instant lastSeen = row.get().lastSeen();
        if (lastSeen == null || !lastSeen.plus(LAST_SEEN_RESOLUTION).isAfter(now)) {
            // Conditional, so concurrent scans of one device write once.
            jdbc.sql("""
                            update savings_merchant_device set last_seen_at = ?
                            where id = ? and (last_seen_at is null or last_seen_at <= ?)""")
                    .params(Timestamp.from(now), row.get().device().id(),
                            Timestamp.from(now.minus(LAST_SEEN_RESOLUTION)))
                    .update();
        }
        return Optional.of(row.get().device());
    }

    public Optional<Device> find(TenantId tenant, UUID deviceId) {
        return jdbc.sql("select * from savings_merchant_device where tenant_id = ? and id = ?")
                .params(tenant.value(), deviceId).query(MerchantDevices::device).optional();
    }

    public List<Device> ofMerchant(TenantId tenant, UUID merchantId) {
        return views(tenant, merchantId).stream().map(DeviceView::device).toList();
    }

    /** The merchant's devices, active ones first, with when they were last seen. */
    public List<DeviceView> views(TenantId tenant, UUID merchantId) {
        return jdbc.sql("""
                        select * from savings_merchant_device where tenant_id = ? and merchant_id = ?
                        order by revoked_at is not null, lower(name), created_at""")
                .params(tenant.value(), merchantId)
                .query((rs, n) -> new DeviceView(device(rs, n), rs.getTimestamp("created_at").toInstant(),
                        instant(rs.getTimestamp("last_seen_at")), instant(rs.getTimestamp("revoked_at"))))
                .list();
    }

    @Transactional
    public RegisteredDevice register(TenantId tenant, UUID merchantId, String name, UserId registeredBy) {
        return register(tenant, merchantId, name, registeredBy, Actor.user(registeredBy, tenant));
    }

    @Transactional
    RegisteredDevice register(TenantId tenant, UUID merchantId, String name, UserId registeredBy, Actor actor) {
        UUID id = UUID.randomUUID();
        String prefix = SecureTokens.randomAlphanumeric(PREFIX_LENGTH);
        String credential = SCHEME + prefix + "_" + SecureTokens.newToken();
        jdbc.sql("""
                        insert into savings_merchant_device (id, tenant_id, merchant_id, name, credential_prefix,
                            credential_hash, created_by, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, tenant.value(), merchantId, name.strip(), prefix, SecureTokens.digest(credential),
                        registeredBy == null ? null : registeredBy.value(), Timestamp.from(clock.instant()))
                .update();
        audit.record(actor, tenant, "merchant.device.registered", "savings_merchant_device", id,
                Map.of("merchant", merchantId));
        return new RegisteredDevice(new Device(tenant, id, merchantId, name.strip(), false), credential);
    }

    @Transactional
    public boolean revoke(TenantId tenant, UUID merchantId, UUID deviceId, UserId revokedBy) {
        int changed = jdbc.sql("""
                        update savings_merchant_device set revoked_at = ?
                        where tenant_id = ? and merchant_id = ? and id = ? and revoked_at is null""")
                .params(Timestamp.from(clock.instant()), tenant.value(), merchantId, deviceId).update();
        if (changed == 1) {
            audit.record(Actor.user(revokedBy, tenant), tenant, "merchant.device.revoked",
                    "savings_merchant_device", deviceId, Map.of("merchant", merchantId));
        }
        return changed == 1;
    }

    /** The prefix of a well-formed credential, else null. */
    static String prefixOf(String credential) {
        if (credential == null || !credential.startsWith(SCHEME) || credential.length() > 200) {
            return null;
        }
        int end = credential.indexOf('_', SCHEME.length());
        if (end != SCHEME.length() + PREFIX_LENGTH || end == credential.length() - 1) {
            return null;
        }
        return credential.substring(SCHEME.length(), end);
    }

    private static Device device(ResultSet rs, int row) throws SQLException {
        return new Device(new TenantId(rs.getObject("tenant_id", UUID.class)), rs.getObject("id", UUID.class),
                rs.getObject("merchant_id", UUID.class), rs.getString("name"), rs.getTimestamp("revoked_at") != null);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
