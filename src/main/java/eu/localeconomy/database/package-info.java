/**
 * Database bootstrap: starts an embedded PostgreSQL (zonky) with a persistent data directory when no external
 * datasource is configured, and maps {@code DATABASE_URL}-style environment variables onto Spring's datasource
 * settings. Owns no tables; the schema is Flyway's.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Database bootstrap")
package eu.localeconomy.database;
