package eu.localeconomy.database;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;

/**
 * Settings of the embedded PostgreSQL used when no external datasource is configured.
 *
 * @param dataDir      where the cluster lives between runs
 * @param port         fixed port, or 0 for any free port
 * @param databaseName database created inside the cluster
 * @param ephemeral    throw the cluster away on shutdown (tests)
 * @param poolSize     connection pool size
 */
@ConfigurationProperties("app.embedded-db")
record EmbeddedDatabaseProperties(
        @DefaultValue("data/postgres") Path dataDir,
        @DefaultValue("0") int port,
        @DefaultValue("platform") String databaseName,
        @DefaultValue("false") boolean ephemeral,
        @DefaultValue("20") int poolSize) {
}
