package eu.localeconomy.tenant;

import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantId;

/** Published when a platform administrator creates a tenant; the accounts module invites its first administrator. */
public record TenantCreated(TenantId tenantId, String slug, String administratorEmail, Language language) {
}
