package io.regla.adapters.store.jdbc;

import java.util.Optional;

/**
 * The embedded H2's page cache a CRM migration killed before its end left raised in the database file
 * ({@link H2BulkCache}): whoever opens the file next would hold it on the heap (up to 1 GiB). Opening the store with
 * {@link JdbcStore#h2(java.nio.file.Path, java.time.Clock)} already puts it back; this lets a caller say so, see one left
 * raised (a store opened otherwise), and put it back on demand ({@code regla loyalty repair-indexes}). On PostgreSQL
 * there is no such cache: every answer is empty.
 */
public final class MigrationH2Cache {

    /** A cache raised by a migration that did not end, and the original it is (or was) put back to, in MiB. */
    public record Change(long raisedMiB, long originalMiB) {
    }

    private final JdbcMigrationStore migration;

    private MigrationH2Cache(JdbcMigrationStore migration) {
        this.migration = migration;
    }

    public static MigrationH2Cache of(JdbcStore store) {
        return new MigrationH2Cache((JdbcMigrationStore) store.loyaltyMigration());
    }

    /** What opening this store put back, when a killed run had left the cache raised. */
    public Optional<Change> putBackWhenOpened() {
        return raised(migration.cachePutBackAtOpen());
    }

    /** The cache a killed run left raised and not yet put back; empty while a migration runs (it puts its own back). */
    public Optional<Change> leftByUnfinishedMigration() {
        return raised(migration.cacheLeftRaised());
    }

    /**
     * Puts back the cache a killed run left raised (and forgets its record), returning what it did; nothing left: nothing
     * done. Idempotent. Nothing while a migration runs on the store: its record is its own, put back when it ends.
     */
    public Optional<Change> putBack() {
        return raised(migration.putBackCache());
    }

    /** Only a cache that was in fact raised: a run killed between its record and its raise left the original as it was. */
    private static Optional<Change> raised(Optional<H2BulkCache.Change> change) {
        return change.filter(H2BulkCache.Change::wasRaised).map(c -> new Change(c.raisedKiB() >> 10, c.originalKiB() >> 10));
    }
}
