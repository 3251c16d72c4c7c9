package io.regla.examples.loyalty;

import io.regla.cli.ReglaCli;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code regla loyalty migrate --jdbc-url} on a real PostgreSQL (embedded): loaded through COPY, replayed,
 * verified, with the same reconciliation and the same ledger as the embedded H2 store; a second run changes
 * nothing.
 */
class LoyaltyMigratePostgresTest {

    @TempDir
    Path dir;

    @Test
    void migratesIntoPostgresAsIntoH2() throws Exception {
        Path export = dir.resolve("export");
        assertThat(run("loyalty", "generate", "--members", "150", "--transactions", "1200", "--out", export.toString(), "--seed", "9",
                "--faults")).isZero();
        assertThat(run("loyalty", "migrate", "--from", export.toString(), "--db", dir.resolve("h2").toString(),
                "--cutover", "2025-12-01T00:00:00-03:00", "--report", dir.resolve("h2-report").toString(), "--batch", "100")).isZero();
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            String url = pg.getJdbcUrl("postgres", "postgres");
            String[] migrate = {"loyalty", "migrate", "--from", export.toString(), "--jdbc-url", url, "--user", "postgres",
                    "--cutover", "2025-12-01T00:00:00-03:00", "--report", dir.resolve("pg-report").toString(), "--batch", "100"};
            assertThat(run(migrate)).isZero();
            String reconciliation = Files.readString(dir.resolve("pg-report/reconciliation.json"));
            assertThat(reconciliation).isEqualTo(Files.readString(dir.resolve("h2-report/reconciliation.json")))
                    .contains("\"DUPLICATE_KEY\"").contains("\"MATCH\"");
            String ledger;
            try (Connection c = pg.getPostgresDatabase().getConnection()) {
                ledger = ledger(c);
                assertThat(count(c, "regla_migration_transaction")).isPositive();
            }
            try (Connection c = java.sql.DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("h2").toAbsolutePath(), "regla", "")) {
                assertThat(ledger).isEqualTo(ledger(c));
            }
            assertThat(run(migrate)).isZero();
            try (Connection c = pg.getPostgresDatabase().getConnection()) {
                assertThat(ledger(c)).isEqualTo(ledger);
            }
        }
    }

    /** Entry count, points and the members' entry counts: the ledger's shape, the same on both stores. */
    private static String ledger(Connection c) throws Exception {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*), SUM(points), SUM(CASE WHEN points < 0 THEN points ELSE 0 END), "
                     + "(SELECT SUM(entry_count) FROM regla_ledger_member), (SELECT COUNT(*) FROM regla_ledger_posting) FROM regla_ledger_entry")) {
            rs.next();
            return rs.getLong(1) + "|" + rs.getLong(2) + "|" + rs.getLong(3) + "|" + rs.getLong(4) + "|" + rs.getLong(5);
        }
    }

    private static long count(Connection c, String table) throws Exception {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static int run(String... args) {
        return ReglaCli.commandLine().execute(args);
    }
}
