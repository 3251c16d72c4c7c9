package io.regla.adapters.store.jdbc;

import io.regla.api.spi.StoreException;
import io.regla.rules.loyalty.migration.MigrationStore;

import java.util.List;

/**
 * The indexes a CRM migration dropped and has not built again ({@link IndexDeferral}, {@link PostingKeyDeferral}): the
 * ledger's expiry index and posting key, dropped by its replay, and the export tables' member indexes, dropped by its
 * load. While a migration runs that is expected; once none runs it means a run was killed and never resumed: every query
 * is still right, but reads by expiry scan the ledger's entries (and reads of a member's history the export's tables),
 * and without the posting key the ledger refuses every posting. This lets a caller tell the user, and build them without
 * running the migration again.
 */
public final class DeferredLedgerIndexes {

    private final JdbcMigrationStore migration;
    private final MigrationRunLock runs;

    private DeferredLedgerIndexes(JdbcMigrationStore migration) {
        this.migration = migration;
        this.runs = migration.runs();
    }

    public static DeferredLedgerIndexes of(JdbcStore store) {
        return new DeferredLedgerIndexes((JdbcMigrationStore) store.loyaltyMigration());
    }

    /**
     * Names of the indexes dropped and not yet built again, in name order (empty when none), the ledger's posting key among
     * them ({@value PostingKeyDeferral#NAME}: while it is listed the ledger refuses every posting).
     */
    public List<String> pending() {
        return java.util.stream.Stream.concat(migration.deferrals().stream().flatMap(d -> d.pending().stream()),
                migration.postingKeys().pending().stream()).sorted().toList();
    }

    /** Whether a migration runs on this database now (this process's, or on PostgreSQL any process's). */
    public boolean migrationRunning() {
        return runs.running();
    }

    /**
     * The indexes a migration that did not finish left dropped: {@link #pending()} when no migration runs, else empty
     * (a running one builds them when its replay ends).
     */
    public List<String> leftByUnfinishedMigration() {
        List<String> pending = pending();
        return pending.isEmpty() || migrationRunning() ? List.of() : pending;
    }

    /**
     * Builds every pending index now, as the migration would after its replay, and returns their names; nothing pending:
     * nothing done. Idempotent, and safe after a build that was itself killed (each index is built if missing, then forgotten).
     *
     * @throws StoreException while a migration runs: its replay would maintain the index at every append, and builds it when it
     *                        ends; or when the posting key finds a source posted twice (each named; nothing built after it)
     */
    public List<String> build() {
        List<String> pending = pending();
        if (pending.isEmpty()) return pending;
        if (migrationRunning()) {
            throw new StoreException("a migration is running on this database: it builds the indexes " + pending + " when its load or replay ends");
        }
        // marked running meanwhile: a migration started now would drop what this builds (on PostgreSQL it is refused)
        try (MigrationStore.Running building = runs.hold()) {
            migration.restoreLoadIndexes();
            migration.restoreLedgerIndexes(); // the posting key first, as the replay builds them
        }
        return pending;
    }
}
