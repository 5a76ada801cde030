package eu.localeconomy.account;

import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantId;
import eu.localeconomy.shared.UserId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Every query names its tenant: a platform administrator is the tenant {@code null}. */
@Repository
class UserAccountRepository {

    private static final String COLUMNS = """
            id, tenant_id, email, display_name, role, password_hash, language, enabled, failed_logins, locked_until,
            totp_secret, totp_enabled, created_at, last_login_at""";

    private final JdbcClient jdbc;

    UserAccountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<UserAccount> findByEmail(TenantId tenant, String email) {
        if (tenant == null) {
            return jdbc.sql("select " + COLUMNS + " from user_account where tenant_id is null and lower(email) = lower(?)")
                    .param(email).query(UserAccountRepository::map).optional();
        }
        return jdbc.sql("select " + COLUMNS + " from user_account where tenant_id = ? and lower(email) = lower(?)")
                .params(tenant.value(), email).query(UserAccountRepository::map).optional();
    }

    Optional<UserAccount> findById(TenantId tenant, UserId id) {
        if (tenant == null) {
            return jdbc.sql("select " + COLUMNS + " from user_account where tenant_id is null and id = ?")
                    .param(id.value()).query(UserAccountRepository::map).optional();
        }
        return jdbc.sql("select " + COLUMNS + " from user_account where tenant_id = ? and id = ?")
                .params(tenant.value(), id.value()).query(UserAccountRepository::map).optional();
    }

    List<UserAccount> findByRoles(TenantId tenant, Collection<Role> roles) {
        return jdbc.sql("select " + COLUMNS + " from user_account where tenant_id = :tenant and role in (:roles) order by display_name")
                .param("tenant", tenant.value()).param("roles", roles.stream().map(Role::name).toList())
                .query(UserAccountRepository::map).list();
    }

    long countEnabled(TenantId tenant, Role role) {
        return jdbc.sql("select count(*) from user_account where tenant_id = ? and role = ? and enabled")
                .params(tenant.value(), role.name()).query(Long.class).single();
    }

    void insert(UserAccount a) {
        jdbc.sql("""
                        insert into user_account (id, tenant_id, email, display_name, role, password_hash, language, enabled,
                            created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(a.id().value(), a.tenantId() == null ? null : a.tenantId().value(), a.email(), a.displayName(),
                        a.role().name(), a.passwordHash(), a.language() == null ? null : a.language().code(),
                        a.enabled(), Timestamp.from(a.createdAt()))
                .update();
    }

    void recordFailure(UserId id, int failedLogins, Instant lockedUntil) {
        jdbc.sql("update user_account set failed_logins = ?, locked_until = ? where id = ?")
                .params(failedLogins, lockedUntil == null ? null : Timestamp.from(lockedUntil), id.value()).update();
    }

    void recordSuccess(UserId id, Instant now) {
        jdbc.sql("update user_account set failed_logins = 0, locked_until = null, last_login_at = ? where id = ?")
                .params(Timestamp.from(now), id.value()).update();
    }

    void updatePassword(UserId id, String hash) {
        jdbc.sql("update user_account set password_hash = ?, failed_logins = 0, locked_until = null where id = ?")
                .params(hash, id.value()).update();
    }

    /** Zero when the account does not exist or another account of the tenant has the address. */
    int updateEmail(TenantId tenant, UserId id, String email) {
        return jdbc.sql("""
                        update user_account set email = :email where tenant_id = :tenant and id = :id
                          and not exists (select 1 from user_account o where o.tenant_id = :tenant
                                          and lower(o.email) = lower(:email) and o.id <> :id)""")
                .param("email", email).param("tenant", tenant.value()).param("id", id.value()).update();
    }

    void updateLanguage(UserId id, Language language) {
        jdbc.sql("update user_account set language = ? where id = ?").params(language.code(), id.value()).update();
    }

    void updateTotp(UserId id, String encryptedSecret, boolean enabled) {
        jdbc.sql("update user_account set totp_secret = ?, totp_enabled = ? where id = ?")
                .params(encryptedSecret, enabled, id.value()).update();
    }

    /** Records the TOTP step just used; false if it (or a later one) was used already: a replayed code. */
    boolean useTotpStep(UserId id, long step) {
        return jdbc.sql("update user_account set totp_last_step = ? where id = ? and (totp_last_step is null or totp_last_step < ?)")
                .params(step, id.value(), step).update() == 1;
    }

    int updateRole(TenantId tenant, UserId id, Role role) {
        return jdbc.sql("update user_account set role = ? where tenant_id = ? and id = ?")
                .params(role.name(), tenant.value(), id.value()).update();
    }

    int updateEnabled(TenantId tenant, UserId id, boolean enabled) {
        return jdbc.sql("update user_account set enabled = ?, failed_logins = 0, locked_until = null where tenant_id = ? and id = ?")
                .params(enabled, tenant.value(), id.value()).update();
    }

    private static UserAccount map(ResultSet rs, int row) throws SQLException {
        UUID tenant = rs.getObject("tenant_id", UUID.class);
        Timestamp locked = rs.getTimestamp("locked_until");
        Timestamp lastLogin = rs.getTimestamp("last_login_at");
        return new UserAccount(new UserId(rs.getObject("id", UUID.class)), tenant == null ? null : new TenantId(tenant),
                rs.getString("email"), rs.getString("display_name"), Role.valueOf(rs.getString("role")),
                rs.getString("password_hash"), Language.fromCode(rs.getString("language")).orElse(null),
                rs.getBoolean("enabled"), rs.getInt("failed_logins"), locked == null ? null : locked.toInstant(),
                rs.getString("totp_secret"), rs.getBoolean("totp_enabled"), rs.getTimestamp("created_at").toInstant(),
                lastLogin == null ? null : lastLogin.toInstant());
    }
}
