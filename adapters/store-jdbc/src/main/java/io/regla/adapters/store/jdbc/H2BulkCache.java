package io.regla.adapters.store.jdbc;

import io.regla.rules.loyalty.migration.MigrationStore.Checkpoint;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The embedded H2's page cache raised for a CRM migration's bulk work, and put back after it. H2 keeps
 * {@code CACHE_SIZE} in the database file, so a run killed before its end ({@code kill -9}, power loss) would leave
 * whoever opens the file next ({@code regla serve}, {@code regla loyalty statement}, on a heap of its own size) holding
 * the migration's cache, up to 1 GiB. So the value to put back is recorded in the database, committed before the cache
 * is raised, and deleted only once it is back: a run killed at any point leaves either nothing raised or a record of
 * what to put back, which {@link #restore()} applies (the run's end, {@code regla loyalty repair-indexes}, the store's
 * opening: {@link JdbcStore#h2(java.nio.file.Path, String, java.time.Clock)}).
 *
 * <p>The record is a row of {@code regla_migration_checkpoint} (V20) under a stage of its own ({@link #STAGE}, position =
 * the cache in KiB): that table is read by stage name only (the load's {@code load:<file>} and the replay's {@code replay}),
 * so the row is never taken for a stage, and no new table is needed. PostgreSQL has no such cache: nothing runs there.
 */
final class H2BulkCache {

    /** The record's stage name in {@code regla_migration_checkpoint}. */
    static final String STAGE = "h2:cache-to-restore";
    private static final String NOTE = "H2 CACHE_SIZE (KiB) to put back: raised for a migration's bulk work";

    /** A cache put back (or to put back): what it was raised to, and the original, in KiB. */
    record Change(long raisedKiB, long originalKiB) {
        /** Whether the file held more than its original (false after a run killed between its record and its raise). */
        boolean wasRaised() {
            return raisedKiB > originalKiB;
        }
    }

    private final Jdbc jdbc;
    private final boolean postgres;
    private final MigrationCheckpoints checkpoints;
    /** Whether the database is H2 (a caller's data source may be another one), once asked. */
    private volatile Boolean h2;

    H2BulkCache(Jdbc jdbc, boolean postgres, MigrationCheckpoints checkpoints) {
        this.jdbc = jdbc;
        this.postgres = postgres;
        this.checkpoints = checkpoints;
    }

    /** H2's page cache during a migration: an eighth of the heap, at most 1 GiB (H2's default is 16 MB). */
    static long bulkCacheKiB(long maxHeapBytes) {
        return Math.min(1L << 20, Math.max(16L << 10, (maxHeapBytes >> 3) >> 10));
    }

    /**
     * On H2, raises the page cache (never lowers it) for the run: with H2's default of 16 MB, every B-tree page of the
     * migration's tables past the first few hundred thousand rows is read back and deserialised again on each insert
     * and lookup. Measured on 600,000 inserted transactions (benchmarks/README.md, "Loyalty migration, session 5:
     * pipeline"). The cache is on the heap: an eighth of it leaves the migration's own live set (tens of MiB) room.
     * A record a killed run left is kept as it is: it holds the original, and the cache now is that run's raised one.
     */
    void raise() {
        if (!h2()) return;
        long current = jdbc.call("read the H2 cache", H2BulkCache::cacheKiB);
        long wanted = bulkCacheKiB(Runtime.getRuntime().maxMemory());
        if (wanted <= current) return;
        // committed before the SET: a run killed between the two leaves a record of a cache not raised, never the reverse
        jdbc.transaction("record the H2 cache to put back", c -> {
            if (MigrationCheckpoints.read(c, STAGE) == null) MigrationCheckpoints.upsert(c, STAGE, new Checkpoint(current, NOTE));
            return null;
        });
        jdbc.call("size the H2 cache for the migration", c -> {
            setCache(c, wanted);
            return null;
        });
    }

    /**
     * On H2, the page cache back to the recorded original, then the record deleted (a kill between the two leaves the
     * record, and this is run again to the same end). Nothing recorded: nothing done. The caller makes sure no migration
     * is running on the file ({@link MigrationRunLock}): this would put a running one's cache back under it.
     */
    Optional<Change> restore() {
        if (!h2()) return Optional.empty();
        Optional<Change> left = recorded();
        if (left.isEmpty()) return left;
        jdbc.call("put the H2 cache back after the migration", c -> {
            setCache(c, left.get().originalKiB());
            return null;
        });
        checkpoints.delete(STAGE);
        return left;
    }

    /** The cache now and the recorded original, when a record is there (a run under way's, or one a killed run left). */
    Optional<Change> recorded() {
        if (!h2()) return Optional.empty();
        return jdbc.call("read the H2 cache to put back", c -> {
            Checkpoint cp = MigrationCheckpoints.read(c, STAGE);
            return cp == null ? Optional.empty() : Optional.of(new Change(cacheKiB(c), cp.position()));
        });
    }

    private boolean h2() {
        Boolean known = h2;
        if (known == null) {
            known = !postgres && jdbc.call("read the database's product", c -> "H2".equals(c.getMetaData().getDatabaseProductName()));
            h2 = known;
        }
        return known;
    }

    private static long cacheKiB(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'info.CACHE_MAX_SIZE'");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Long.parseLong(rs.getString(1).trim()) << 10 : 0; // MiB -> KiB
        }
    }

    private static void setCache(Connection c, long kiB) throws SQLException {
        try (var st = c.createStatement()) {
            st.execute("SET CACHE_SIZE " + kiB);
        }
    }
}
