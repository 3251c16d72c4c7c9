package io.regla.examples.loyalty;

import io.regla.adapters.store.jdbc.JdbcStore;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Clock;

/** Which store a loyalty command opens: an H2 file ({@code --db}) or PostgreSQL ({@code --jdbc-url}). */
final class LoyaltyStoreOptions {

    @Option(names = "--db", paramLabel = "<file>", description = "H2 database file without .mv.db (default: ${DEFAULT-VALUE}).")
    Path db;

    @Option(names = "--jdbc-url", paramLabel = "<url>", description = "A PostgreSQL store instead, e.g. jdbc:postgresql://host/regla.")
    String jdbcUrl;

    @Option(names = "--user", description = "Database user for --jdbc-url.")
    String user;

    @Option(names = "--password-env", paramLabel = "<VAR>", description = "Environment variable holding the password for --jdbc-url.")
    String passwordEnv;

    /** @param defaultDb the H2 file when neither option is given */
    LoyaltyStoreOptions(Path defaultDb) {
        this.db = defaultDb;
    }

    /** The migration's default database, {@code target/loyalty-migration}. */
    LoyaltyStoreOptions() {
        this(Path.of("target", "loyalty-migration"));
    }

    JdbcStore open() {
        return jdbcUrl != null
                ? JdbcStore.connect(jdbcUrl, user, passwordEnv == null ? null : System.getenv(passwordEnv), Clock.systemUTC())
                : JdbcStore.h2(db, Clock.systemUTC());
    }
}
