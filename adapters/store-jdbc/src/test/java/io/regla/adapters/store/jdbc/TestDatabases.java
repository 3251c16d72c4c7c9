package io.regla.adapters.store.jdbc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/** One H2 file store and one embedded PostgreSQL per test JVM, started on first use. */
final class TestDatabases {

    private static JdbcStore h2;
    private static EmbeddedPostgres postgres;
    private static JdbcStore postgresStore;

    private TestDatabases() {
    }

    static synchronized JdbcStore h2() {
        if (h2 == null) {
            h2 = JdbcStore.h2(tempDir("h2").resolve("regla"), Clock.systemUTC());
        }
        return h2;
    }

    static synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is exiting; the data directory is temporary
                }
            }));
        }
        return postgres;
    }

    static synchronized JdbcStore postgresStore() {
        if (postgresStore == null) {
            postgresStore = JdbcStore.connect(postgres().getJdbcUrl("postgres", "postgres"), "postgres", null,
                    Clock.systemUTC());
        }
        return postgresStore;
    }

    static DataSource postgresDataSource() {
        return postgres().getPostgresDatabase();
    }

    static Path tempDir(String prefix) {
        try {
            Path target = Path.of("target");
            Files.createDirectories(target);
            return Files.createTempDirectory(target, prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
