import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Baseline for the start-up figure: the embedded PostgreSQL alone (fresh data directory, same settings as the
 * platform), started and stopped in a JVM with the same class path. Prints milliseconds to a server accepting SQL.
 */
public class EmbeddedPostgresOnly {

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("bench-pg");
        long t = System.nanoTime();
        try (var pg = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(true)
                .setServerConfig("max_connections", "200").setServerConfig("shared_buffers", "128MB")
                .setLocaleConfig("encoding", "UTF8").setLocaleConfig("locale", "C").start();
             var c = pg.getPostgresDatabase().getConnection(); var s = c.createStatement()) {
            s.execute("select 1");
            System.out.printf("RESULT pg_only_ready_ms=%d%n", (System.nanoTime() - t) / 1_000_000);
        }
    }
}
