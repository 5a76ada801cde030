/**
 * Audit trail: an append-only record of security and business events (who, tenant, what, target, when, from where),
 * written in the same transaction as the change it describes, and the screen where tenant administrators search it.
 * Owns the {@code audit_event} table, which the database itself keeps append-only.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit trail")
package eu.localeconomy.audit;
