package io.regla.adapters.store.jdbc;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.h2.api.DatabaseEventListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A process that creates a store and dies at once (killed, the machine off) leaves a file every later open accepts, with
 * every migration recorded. H2 writes committed changes to its file only when its background writer runs (every
 * {@code WRITE_DELAY}, 500 ms by default), and Flyway's DDL and its record of it are separate commits: when the writer's
 * last run before the death fell between a migration's DDL and its record, the file held a table (or index change)
 * without its record and every later open failed ("table ... already exists", "index ... not found"). {@link JdbcStore}
 * forces the write once after the migrations ({@code CHECKPOINT SYNC}) so the file holds the record too.
 *
 * <p>The child halts its JVM ({@code Runtime.halt}: no shutdown hook, no close) the moment the open returns. Left to H2's
 * timer, where its writer last ran is chance (a third of such halts broke the file without the forced write); so the
 * first test puts that run in the window on purpose: the writer's timer is set beyond the run, and an event listener
 * (H2's {@code DATABASE_EVENT_LISTENER}, given to the store's URL) writes the file the way the timer would at the start
 * of each of Flyway's record inserts, after that migration's DDL. Nothing else differs from a real open.
 */
class H2HaltAfterMigrationTest {

    @TempDir
    Path dir;

    @Test
    void aStoreWrittenBetweenAMigrationAndItsRecordThenHaltedRightAfterTheOpenOpensWithEveryMigrationRecorded() throws Exception {
        Path db = dir.resolve("store");
        haltRightAfterOpen(db, true);
        assertReopensWithEveryMigrationRecorded(db, "written inside the last migration's window");
    }

    @Test
    void aStoreHaltedRightAfterTheOpenOnH2sOwnTimerOpensWithEveryMigrationRecorded() throws Exception {
        for (int round = 1; round <= 2; round++) {
            Path db = dir.resolve("store-" + round);
            haltRightAfterOpen(db, false);
            assertReopensWithEveryMigrationRecorded(db, "round " + round);
        }
    }

    private static void assertReopensWithEveryMigrationRecorded(Path db, String what) {
        MigrationInfo[] all;
        try (JdbcStore store = JdbcStore.h2(db, Clock.systemUTC())) {
            all = history(store.dataSource());
        }
        assertThat(all).as("%s: the migrations", what).hasSizeGreaterThan(10);
        for (MigrationInfo m : all) {
            assertThat(m.getState().isApplied() && !m.getState().isFailed()).as("%s: V%s %s", what, m.getVersion(), m.getState()).isTrue();
        }
    }

    private static void haltRightAfterOpen(Path db, boolean writeInsideTheWindow) throws Exception {
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))));
        command.addAll(List.of(HaltsAfterOpen.class.getName(), db.toString(), String.valueOf(writeInsideTheWindow)));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        StringBuilder said = new StringBuilder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) said.append(line).append('\n');
        }
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("the child ended").isTrue();
        assertThat(child.exitValue()).as("the child halted right after the open:\n%s", said).isEqualTo(HaltsAfterOpen.HALTED);
        if (writeInsideTheWindow) {
            assertThat(said.toString()).as("the listener wrote the file before each record").contains("written before record 15");
        }
    }

    /** Flyway's view of the reopened file: each migration it knows and whether it is applied. */
    private static MigrationInfo[] history(DataSource ds) {
        MigrationInfo[] all = Flyway.configure(JdbcStore.class.getClassLoader()).dataSource(ds).locations(JdbcStore.MIGRATIONS)
                .table("regla_schema_history").load().info().all();
        return Arrays.stream(all).filter(m -> m.getVersion() != null).toArray(MigrationInfo[]::new);
    }

    /** The creating process: opens a new store (every migration runs) and halts the JVM as soon as the open returns. */
    public static final class HaltsAfterOpen {
        static final int HALTED = 42;

        public static void main(String[] args) {
            Path file = Path.of(args[0]);
            String settings = "";
            if (Boolean.parseBoolean(args[1])) {
                WritesBeforeEachRecord.url = "jdbc:h2:file:" + file.toAbsolutePath() + ";DB_CLOSE_DELAY=-1";
                settings = ";WRITE_DELAY=3600000;DATABASE_EVENT_LISTENER='" + WritesBeforeEachRecord.class.getName() + "'";
            }
            JdbcStore.h2(file, settings, Clock.systemUTC());
            System.out.flush();
            Runtime.getRuntime().halt(HALTED);
        }
    }

    /**
     * Writes the database to its file (what H2's background writer does when its timer fires) as Flyway starts inserting
     * a migration's record, that is after the migration's DDL committed and before its record does.
     */
    public static final class WritesBeforeEachRecord implements DatabaseEventListener {
        static volatile String url;
        private static final ThreadLocal<Boolean> WRITING = ThreadLocal.withInitial(() -> false);
        private static int records;

        @Override
        public void setProgress(int state, String name, long x, long max) {
            if (state != STATE_STATEMENT_START || name == null || WRITING.get()) return;
            String sql = name.strip().toLowerCase(Locale.ROOT);
            if (!sql.startsWith("insert into") || !sql.contains("regla_schema_history")) return;
            WRITING.set(true);
            try (Connection c = DriverManager.getConnection(url, "regla", ""); Statement st = c.createStatement()) {
                st.execute("CHECKPOINT");
                System.out.println("written before record " + ++records);
            } catch (SQLException e) {
                throw new IllegalStateException("could not write the file before a record: " + e.getMessage(), e);
            } finally {
                WRITING.set(false);
            }
        }
    }
}
