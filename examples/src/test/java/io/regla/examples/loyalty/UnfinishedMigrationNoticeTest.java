package io.regla.examples.loyalty;

import io.regla.adapters.store.jdbc.DeferredLedgerIndexes;
import io.regla.adapters.store.jdbc.JdbcStore;
import io.regla.cli.ReglaCli;
import io.regla.rules.loyalty.ledger.Posting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * A migration killed during its replay left the ledger's expiry index dropped: the loyalty commands that open the store
 * say so on stderr in one line, {@code regla loyalty repair-indexes} builds it (and does nothing the second time), and
 * {@code regla loyalty migrate} says it finishes it, then does.
 */
class UnfinishedMigrationNoticeTest {

    private static final String LEFT = "was dropped by a migration that did not finish";

    @TempDir
    Path dir;

    @Test
    void statementWarnsAndRepairIndexesBuildsItOnce() {
        Path db = dir.resolve("ledger");
        Instant t = Instant.parse("2025-03-10T13:00:00Z");
        try (JdbcStore store = JdbcStore.h2(db, Clock.systemUTC())) {
            store.ledger().post(new Posting.Accrual("M7", "T1", 150, t, t, t.plus(Duration.ofDays(730)), "accrue-points"));
        }
        assertThat(run("loyalty", "statement", "M7", "--db", db.toString()).err()).doesNotContain(LEFT);
        killedReplay(db);

        Result statement = run("loyalty", "statement", "M7", "--db", db.toString());
        assertThat(statement.code()).isZero();
        assertThat(statement.out()).contains("Points statement of M7");
        assertThat(statement.err().lines().filter(l -> l.contains(LEFT)).toList()).singleElement().asString()
                .containsIgnoringCase("regla_ledger_entry_expiry").contains("regla_ledger_posting_pkey")
                .contains("the ledger accepts no posting").contains("regla loyalty migrate --from DIR").contains("regla loyalty repair-indexes");
        // the killed replay's posting key missing, the ledger posts nothing
        try (JdbcStore store = JdbcStore.h2(db, Clock.systemUTC())) {
            assertThatThrownBy(() -> store.ledger().post(new Posting.Accrual("M7", "T2", 10, t, t, t.plus(Duration.ofDays(730)), "accrue-points")))
                    .hasMessageContaining("regla loyalty repair-indexes");
        }

        Result repair = run("loyalty", "repair-indexes", "--db", db.toString());
        assertThat(repair.code()).as(repair.err()).isZero();
        assertThat(repair.out()).containsIgnoringCase("built the ledger's indexes regla_ledger_entry_expiry, regla_ledger_posting_pkey");
        try (JdbcStore store = JdbcStore.h2(db, Clock.systemUTC())) {
            assertThat(store.ledger().post(new Posting.Accrual("M7", "T1", 150, t, t, t.plus(Duration.ofDays(730)), "accrue-points")).outcome())
                    .as("the key built refuses T1 twice").isEqualTo(io.regla.rules.loyalty.ledger.PostingResult.Outcome.DUPLICATE);
        }
        Result again = run("loyalty", "repair-indexes", "--db", db.toString());
        assertThat(again.code()).isZero();
        assertThat(again.out()).contains("no ledger index to build");
        assertThat(run("loyalty", "statement", "M7", "--db", db.toString()).err()).doesNotContain(LEFT);
    }

    @Test
    void theLineNamesWhoseIndexesAKilledRunLeft() {
        assertThat(UnfinishedMigrationNotice.line(java.util.List.of("\"regla_ledger_entry_expiry\"")))
                .contains("the ledger's expiry index (regla_ledger_entry_expiry)").endsWith("ledger reads by expiry are slow");
        assertThat(UnfinishedMigrationNotice.line(java.util.List.of("regla_migration_refund_member_events", "regla_migration_transaction_member_events")))
                .contains("the migration's member indexes (regla_migration_refund_member_events, regla_migration_transaction_member_events)")
                .endsWith("the migration's reads by member are slow").doesNotContain("expiry");
        assertThat(UnfinishedMigrationNotice.line(java.util.List.of("regla_ledger_entry_expiry", "regla_migration_refund_member_events")))
                .contains("the ledger's expiry index and the migration's member indexes")
                .endsWith("ledger reads by expiry and the migration's reads by member are slow");
        assertThat(UnfinishedMigrationNotice.line(java.util.List.of("\"REGLA_LEDGER_ENTRY_EXPIRY\"", "regla_ledger_posting_pkey")))
                .contains("the ledger's expiry index and the ledger's posting key (REGLA_LEDGER_ENTRY_EXPIRY, regla_ledger_posting_pkey)")
                .endsWith("the ledger accepts no posting and ledger reads by expiry are slow");
    }

    @Test
    void migrateSaysItFinishesWhatAKilledRunLeft() throws Exception {
        Path export = dir.resolve("export");
        assertThat(run("loyalty", "generate", "--members", "30", "--transactions", "200", "--out", export.toString(), "--seed", "5").code()).isZero();
        Path db = dir.resolve("db");
        killedReplay(db);
        Result migrate = run("loyalty", "migrate", "--from", export.toString(), "--db", db.toString(), "--cutover", "2025-12-01T00:00:00-03:00");
        assertThat(migrate.code()).as(migrate.err()).isZero();
        assertThat(migrate.err().lines().filter(l -> l.contains(LEFT)).toList()).singleElement().asString()
                .contains("this run builds it again when its replay ends");
        try (JdbcStore store = JdbcStore.h2(db, Clock.systemUTC())) {
            assertThat(DeferredLedgerIndexes.of(store).pending()).isEmpty();
        }
        assertThat(run("loyalty", "migrate", "--from", export.toString(), "--db", db.toString(), "--cutover", "2025-12-01T00:00:00-03:00")
                .err()).doesNotContain(LEFT);
    }

    /**
     * A ledger that held a live posting of one of the export's purchases: `migrate` fails its replay (exit 2) naming the
     * source and both members, says the posting key is left to build, and the same command run again once the live
     * posting is removed completes.
     */
    @Test
    void migrateFailsNamingASourcePostedTwiceAndResumesOnceItIsResolved() throws Exception {
        Path export = dir.resolve("export");
        String cutover = "2025-12-01T00:00:00-03:00";
        assertThat(run("loyalty", "generate", "--members", "30", "--transactions", "200", "--out", export.toString(), "--seed", "5").code()).isZero();
        Path clean = dir.resolve("clean");
        assertThat(run("loyalty", "migrate", "--from", export.toString(), "--db", clean.toString(), "--cutover", cutover).code()).isZero();
        String source, member;
        try (JdbcStore store = JdbcStore.h2(clean, Clock.systemUTC()); Connection c = store.dataSource().getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT source_id, member_id FROM regla_ledger_posting WHERE posting_kind = 'ACCRUAL' "
                     + "ORDER BY source_id FETCH FIRST 1 ROWS ONLY")) {
            assertThat(rs.next()).isTrue();
            source = rs.getString(1);
            member = rs.getString(2);
        }
        Path db = dir.resolve("db");
        Instant t = Instant.parse("2025-03-10T13:00:00Z");
        try (JdbcStore store = JdbcStore.h2(db, Clock.systemUTC())) {
            store.ledger().post(new Posting.Accrual("LIVE-7", source, 150, t, t, t.plus(Duration.ofDays(730)), "accrue-points"));
        }
        Result failed = run("loyalty", "migrate", "--from", export.toString(), "--db", db.toString(), "--cutover", cutover);
        assertThat(failed.code()).isEqualTo(2);
        assertThat(failed.err()).contains("regla: ").contains("1 source was posted more than once: ACCRUAL " + source + " (members ")
                .contains("LIVE-7").contains(member).contains("regla loyalty repair-indexes");
        assertThat(failed.err().lines().filter(l -> l.contains(LEFT)).toList()).singleElement().asString()
                .contains("regla_ledger_posting_pkey").contains("the ledger accepts no posting");
        try (JdbcStore store = JdbcStore.h2(db, Clock.systemUTC()); Connection c = store.dataSource().getConnection();
             Statement st = c.createStatement()) {
            for (String table : java.util.List.of("regla_ledger_posting", "regla_ledger_entry", "regla_ledger_member")) {
                st.execute("DELETE FROM " + table + " WHERE member_id = 'LIVE-7'");
            }
        }
        Result resumed = run("loyalty", "migrate", "--from", export.toString(), "--db", db.toString(), "--cutover", cutover);
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(resumed.err().lines().filter(l -> l.contains(LEFT)).toList()).singleElement().asString()
                .contains("this run builds it again when its replay ends");
        try (JdbcStore store = JdbcStore.h2(db, Clock.systemUTC())) {
            assertThat(DeferredLedgerIndexes.of(store).pending()).isEmpty();
        }
    }

    @Test
    void aCacheAKilledRunLeftRaisedIsPutBackWhenTheStoreOpensAndSaidOnce() throws Exception {
        assumeThat(Runtime.getRuntime().maxMemory()).as("a heap over 256 MiB: the migration raises H2's cache to an eighth of it")
                .isGreaterThan(256L << 20);
        String left = "had left H2's page cache at ";
        Path db = dir.resolve("ledger");
        Instant t = Instant.parse("2025-03-10T13:00:00Z");
        try (JdbcStore store = JdbcStore.h2(db, Clock.systemUTC())) {
            store.ledger().post(new Posting.Accrual("M7", "T1", 150, t, t, t.plus(Duration.ofDays(730)), "accrue-points"));
        }
        killedWithRaisedCache(db);
        Result statement = run("loyalty", "statement", "M7", "--db", db.toString());
        assertThat(statement.code()).isZero();
        assertThat(statement.err().lines().filter(l -> l.contains(left)).toList()).singleElement().asString()
                .contains("opening the store put it back to 16 MiB");
        assertThat(run("loyalty", "statement", "M7", "--db", db.toString()).err()).doesNotContain("page cache");
        assertThat(cacheMiB(db)).isEqualTo(16);

        killedWithRaisedCache(db);
        Result repair = run("loyalty", "repair-indexes", "--db", db.toString());
        assertThat(repair.code()).as(repair.err()).isZero();
        assertThat(repair.out()).containsPattern("put H2's page cache back to 16 MiB: a migration that did not finish had left it at \\d+ MiB");
        assertThat(run("loyalty", "repair-indexes", "--db", db.toString()).out()).doesNotContain("page cache");
        assertThat(cacheMiB(db)).isEqualTo(16);

        Path export = dir.resolve("export");
        assertThat(run("loyalty", "generate", "--members", "30", "--transactions", "200", "--out", export.toString(), "--seed", "5").code()).isZero();
        killedWithRaisedCache(db);
        Result migrate = run("loyalty", "migrate", "--from", export.toString(), "--db", db.toString(), "--cutover", "2025-12-01T00:00:00-03:00");
        assertThat(migrate.code()).as(migrate.err()).isZero();
        assertThat(migrate.err().lines().filter(l -> l.contains(left)).toList()).hasSize(1);
        assertThat(cacheMiB(db)).isEqualTo(16);
    }

    /** What a migration killed after raising H2's cache for its load leaves: the raised cache in the file, its record. */
    private static void killedWithRaisedCache(Path db) {
        try (JdbcStore store = JdbcStore.h2(db, Clock.systemUTC())) {
            store.loyaltyMigration().prepareBulk(); // never ended: no begin() handle closed
        }
    }

    /** The cache the file opens with, read without the store (which would put a raised one back). */
    private static long cacheMiB(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + db.toAbsolutePath(), "regla", "");
             ResultSet rs = c.createStatement().executeQuery("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'info.CACHE_MAX_SIZE'")) {
            rs.next();
            return Long.parseLong(rs.getString(1).trim());
        }
    }

    /** What a replay killed after its first chunk leaves: the ledger's plain indexes recorded and dropped, nothing built. */
    private static void killedReplay(Path db) {
        try (JdbcStore store = JdbcStore.h2(db, Clock.systemUTC())) {
            store.loyaltyMigration().deferLedgerIndexes();
        }
    }

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = ReglaCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }
}
