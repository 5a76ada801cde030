package eu.localeconomy.account;

import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantId;
import eu.localeconomy.shared.UserId;

import java.time.Instant;

/** What other modules may read of an account: who the person is, never their secrets. */
public record AccountProfile(UserId id, TenantId tenantId, String email, String displayName, Role role,
                             Language language, boolean enabled, boolean hasPassword, Instant createdAt,
                             Instant lastLoginAt) {
}
