package eu.localeconomy.account;

import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantId;
import eu.localeconomy.shared.UserId;

import java.time.Instant;

/** A stored user account. The TOTP secret is encrypted with the platform data key. */
record UserAccount(UserId id, TenantId tenantId, String email, String displayName, Role role, String passwordHash,
                   Language language, boolean enabled, int failedLogins, Instant lockedUntil, String totpSecret,
                   boolean totpEnabled, Instant createdAt, Instant lastLoginAt) {

    boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }
}
