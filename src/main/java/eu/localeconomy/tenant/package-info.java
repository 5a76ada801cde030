/**
 * Tenants: the municipalities and tourism offices using the platform. Owns the {@code tenant} table, resolves the
 * {@code /t/{slug}} part of every tenant URL into a {@link eu.localeconomy.shared.TenantContext}, serves each
 * tenant's theme and logo, and gives platform administrators the screens to create tenants and tenant
 * administrators the screen to maintain their organisation's identity.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Tenants")
package eu.localeconomy.tenant;
