package io.regla.adapters.store.jdbc;

import io.regla.rules.loyalty.migration.MigrationStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * A migration killed while H2's page cache is raised for it ({@link H2BulkCache}) never leaves the file with that cache
 * for whoever opens it next: the original is recorded before the raise, and the store's opening, {@code regla loyalty
 * repair-indexes} ({@link MigrationH2Cache#putBack()}) or the next run puts it back and forgets the record.
 */
class H2BulkCacheKillTest {

    private static final long ORIGINAL_MIB = 16; // H2's default
    private static final long WANTED_MIB = H2BulkCache.bulkCacheKiB(Runtime.getRuntime().maxMemory()) >> 10;

    @TempDir
    Path dir;

    @BeforeEach
    void aHeapTheMigrationRaisesTheCacheFor() {
        assumeThat(WANTED_MIB).as("a heap over 128 MiB: below it the migration keeps H2's default").isGreaterThan(ORIGINAL_MIB + 1);
    }

    @Test
    void aRunKilledByTheOperatingSystemLeavesARecordAndTheNextOpeningPutsTheCacheBack() throws Exception {
        Path db = dir.resolve("db");
        try (JdbcStore store = JdbcStore.h2(db, Clock.systemUTC())) {
            assertThat(cacheMiB(store.dataSource().getConnection())).isEqualTo(ORIGINAL_MIB);
        }
        Process run = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")), KilledMigrationRun.class.getName(),
                db.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("killed-run.log").toFile()).start();
        assertThat(run.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(run.exitValue()).as("halted as by kill -9").isEqualTo(137);

        // the file as the killed run left it, opened without the store: the raised cache, and the record of the original
        String withoutTheStore = "jdbc:h2:file:" + db.toAbsolutePath();
        assertThat(cacheMiB(DriverManager.getConnection(withoutTheStore, "regla", ""))).isEqualTo(WANTED_MIB);
        assertThat(recordedKiB(DriverManager.getConnection(withoutTheStore, "regla", ""))).contains(ORIGINAL_MIB << 10);
        try (JdbcStore store = JdbcStore.h2(db, Clock.systemUTC())) {
            assertThat(cacheMiB(store.dataSource().getConnection())).isEqualTo(ORIGINAL_MIB);
            assertThat(MigrationH2Cache.of(store).putBackWhenOpened()).contains(new MigrationH2Cache.Change(WANTED_MIB, ORIGINAL_MIB));
            assertThat(recordedKiB(store.dataSource().getConnection())).isEmpty();
            assertThat(MigrationH2Cache.of(store).putBack()).isEmpty();
        }
        try (JdbcStore store = JdbcStore.h2(db, Clock.systemUTC())) {
            assertThat(MigrationH2Cache.of(store).putBackWhenOpened()).as("put back once").isEmpty();
        }
    }

    @Test
    void repairPutsBackWhatARunThatNeverEndedLeftRaisedAndDoesNothingTheSecondTime() throws Exception {
        try (JdbcStore store = JdbcStore.h2(dir.resolve("db"), Clock.systemUTC())) {
            MigrationH2Cache cache = MigrationH2Cache.of(store);
            assertThat(cache.leftByUnfinishedMigration()).isEmpty();
            assertThat(cache.putBack()).as("nothing raised: nothing done").isEmpty();

            try (MigrationStore.Running running = store.loyaltyMigration().begin()) {
                store.loyaltyMigration().prepareBulk();
                assertThat(cacheMiB(store.dataSource().getConnection())).isEqualTo(WANTED_MIB);
                assertThat(cache.leftByUnfinishedMigration()).as("a running run's cache is its own").isEmpty();
                assertThat(cache.putBack()).as("never put back under a running run").isEmpty();
                assertThat(cacheMiB(store.dataSource().getConnection())).isEqualTo(WANTED_MIB);
            }
            assertThat(cacheMiB(store.dataSource().getConnection())).as("put back when the run ended").isEqualTo(ORIGINAL_MIB);
            assertThat(recordedKiB(store.dataSource().getConnection())).isEmpty();

            // a run killed after its raise: its process gone, nothing marks it running and its handle never closes
            store.loyaltyMigration().prepareBulk();
            assertThat(cacheMiB(store.dataSource().getConnection())).isEqualTo(WANTED_MIB);
            assertThat(cache.leftByUnfinishedMigration()).contains(new MigrationH2Cache.Change(WANTED_MIB, ORIGINAL_MIB));
            assertThat(cache.putBack()).contains(new MigrationH2Cache.Change(WANTED_MIB, ORIGINAL_MIB));
            assertThat(cacheMiB(store.dataSource().getConnection())).isEqualTo(ORIGINAL_MIB);
            assertThat(recordedKiB(store.dataSource().getConnection())).isEmpty();
            assertThat(cache.leftByUnfinishedMigration()).isEmpty();
            assertThat(cache.putBack()).as("put back already: nothing done").isEmpty();
            assertThat(cacheMiB(store.dataSource().getConnection())).isEqualTo(ORIGINAL_MIB);
        }
    }

    @Test
    void aRunKilledBetweenItsRecordAndItsRaiseLeavesTheOriginalAndTheNextRunEndsWithIt() throws Exception {
        try (JdbcStore store = JdbcStore.h2(dir.resolve("db"), Clock.systemUTC())) {
            recordAsARunWould(store, ORIGINAL_MIB << 10);
            MigrationH2Cache cache = MigrationH2Cache.of(store);
            assertThat(cache.leftByUnfinishedMigration()).as("recorded, but nothing raised").isEmpty();

            JdbcMigrationStore next = new JdbcMigrationStore(store.jdbc(), false); // a later process's run, on the same file
            try (MigrationStore.Running run = next.begin()) {
                next.prepareBulk();
                assertThat(cacheMiB(store.dataSource().getConnection())).isEqualTo(WANTED_MIB);
                assertThat(recordedKiB(store.dataSource().getConnection())).contains(ORIGINAL_MIB << 10);
            }
            assertThat(cacheMiB(store.dataSource().getConnection())).isEqualTo(ORIGINAL_MIB);
            assertThat(recordedKiB(store.dataSource().getConnection())).isEmpty();
        }
    }

    @Test
    void aLaterRunKeepsTheOriginalAKilledRunRecordedNeverItsRaisedCache() throws Exception {
        try (JdbcStore store = JdbcStore.h2(dir.resolve("db"), Clock.systemUTC())) {
            // killed with the cache raised, but less than this run wants (its process had a smaller heap)
            recordAsARunWould(store, ORIGINAL_MIB << 10);
            setCacheMiB(store, ORIGINAL_MIB + 1);
            JdbcMigrationStore next = new JdbcMigrationStore(store.jdbc(), false);
            try (MigrationStore.Running run = next.begin()) {
                next.prepareBulk();
                assertThat(cacheMiB(store.dataSource().getConnection())).isEqualTo(WANTED_MIB);
                assertThat(recordedKiB(store.dataSource().getConnection())).as("the original kept").contains(ORIGINAL_MIB << 10);
            }
            assertThat(cacheMiB(store.dataSource().getConnection())).isEqualTo(ORIGINAL_MIB);

            // killed with more than this run wants (a larger heap): this run raises nothing, and still ends with the original
            recordAsARunWould(store, ORIGINAL_MIB << 10);
            setCacheMiB(store, WANTED_MIB + 100);
            JdbcMigrationStore third = new JdbcMigrationStore(store.jdbc(), false);
            try (MigrationStore.Running run = third.begin()) {
                third.prepareBulk();
                assertThat(cacheMiB(store.dataSource().getConnection())).isEqualTo(WANTED_MIB + 100);
            }
            assertThat(cacheMiB(store.dataSource().getConnection())).isEqualTo(ORIGINAL_MIB);
            assertThat(recordedKiB(store.dataSource().getConnection())).isEmpty();
        }
    }

    @Test
    void onPostgresThereIsNoCacheToRaiseRecordOrPutBack() throws Exception {
        try (JdbcStore store = SharedPostgres.freshStore("h2cache_" + System.nanoTime())) {
            try (MigrationStore.Running run = store.loyaltyMigration().begin()) {
                store.loyaltyMigration().prepareBulk();
                assertThat(recordedKiB(store.dataSource().getConnection())).isEmpty();
            }
            MigrationH2Cache cache = MigrationH2Cache.of(store);
            assertThat(cache.putBackWhenOpened()).isEmpty();
            assertThat(cache.leftByUnfinishedMigration()).isEmpty();
            assertThat(cache.putBack()).isEmpty();
        }
    }

    private static void recordAsARunWould(JdbcStore store, long originalKiB) {
        store.jdbc().transaction("record", c -> {
            MigrationCheckpoints.upsert(c, H2BulkCache.STAGE, new MigrationStore.Checkpoint(originalKiB, "test"));
            return null;
        });
    }

    private static void setCacheMiB(JdbcStore store, long mib) throws Exception {
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("SET CACHE_SIZE " + (mib << 10));
        }
    }

    /** The cache in MiB, closing the connection. */
    static long cacheMiB(Connection connection) throws Exception {
        try (Connection c = connection; ResultSet rs = c.createStatement().executeQuery(
                "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'info.CACHE_MAX_SIZE'")) {
            rs.next();
            return Long.parseLong(rs.getString(1).trim());
        }
    }

    private static Optional<Long> recordedKiB(Connection connection) throws Exception {
        try (Connection c = connection; ResultSet rs = c.createStatement().executeQuery(
                "SELECT position FROM regla_migration_checkpoint WHERE stage = '" + H2BulkCache.STAGE + "'")) {
            return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
        }
    }
}
