/**
 * The JSON API under {@code /api/v1} for machine clients (cash registers, native apps, the city's own systems):
 * API tokens scoped to one tenant (stored as SHA-256, revocable, optionally expiring) and the screen where tenant
 * administrators manage them, bearer authentication, RFC 9457 problem responses for every error, and the OpenAPI
 * description. Owns the {@code api_token} table.
 */
@org.springframework.modulith.ApplicationModule(displayName = "API")
package eu.localeconomy.api;
