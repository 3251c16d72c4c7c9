package io.regla.examples.loyalty;

import io.regla.cli.ReglaCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The migration demo scaled down, and the CLI sub-commands end to end (generate, migrate, exit codes). */
class LoyaltyMigrationDemoTest {

    @TempDir
    Path dir;

    @Test
    void theDemoFindsEveryInjectedFault() throws Exception {
        StringWriter text = new StringWriter();
        new LoyaltyMigrationDemo().run(new PrintWriter(text, true), dir.resolve("demo"), 300, 2_000);
        assertThat(text.toString()).contains("every injected fault found").contains("REFUND_EXCEEDS_TRANSACTION")
                .contains("DUPLICATE_KEY");
        assertThat(dir.resolve("demo/report/report.html")).exists();
    }

    @Test
    void generateThenMigrateFromTheCommandLine() throws Exception {
        Path export = dir.resolve("export");
        assertThat(run("loyalty", "generate", "--members", "120", "--transactions", "900", "--out", export.toString(), "--seed", "4",
                "--faults")).isZero();
        assertThat(export.resolve("members.csv")).exists();
        assertThat(Files.readAllLines(export.resolve("transactions.csv")).get(0))
                .isEqualTo("transaction_id,member_id,posted_at,amount,currency,category,merchant_id,channel");
        Path report = dir.resolve("report");
        assertThat(run("loyalty", "migrate", "--from", export.toString(), "--db", dir.resolve("db").toString(),
                "--cutover", "2025-12-01T00:00:00-03:00", "--report", report.toString())).isZero();
        assertThat(report.resolve("reconciliation.json")).content().contains("\"members\": {\"legacy\": 121")
                .contains("\"DUPLICATE_KEY\": 3").contains("\"NO_HISTORY\"");
        assertThat(report.resolve("rejects.csv")).exists();
        // two threads: the same reconciliation (the ledger does not depend on the thread count)
        Path report2 = dir.resolve("report-2-threads");
        assertThat(run("loyalty", "migrate", "--from", export.toString(), "--db", dir.resolve("db-2").toString(),
                "--cutover", "2025-12-01T00:00:00-03:00", "--report", report2.toString(), "--threads", "2")).isZero();
        assertThat(report2.resolve("reconciliation.json")).hasSameTextualContentAs(report.resolve("reconciliation.json"));
        assertThat(run("loyalty", "migrate", "--from", export.toString(), "--db", dir.resolve("db-0").toString(),
                "--threads", "0")).isNotZero();
        // an unreadable export: exit 2
        Files.delete(export.resolve("redemptions.csv"));
        assertThat(run("loyalty", "migrate", "--from", export.toString(), "--db", dir.resolve("db2").toString())).isEqualTo(2);
    }

    private static int run(String... args) {
        return ReglaCli.commandLine().execute(args);
    }
}
