package io.regla.adapters.store.jdbc;

import io.regla.api.spi.StoreException;
import io.regla.rules.loyalty.migration.MigrationStore;

import java.util.List;

/**
 * The ledger's indexes a CRM migration's replay dropped and has not built again ({@link LedgerIndexDeferral}). While a
 * migration runs that is expected; once none runs it means a run was killed and never resumed: every ledger query is
 * still right, but reads by expiry scan the entries, and nothing else says so. This lets a caller tell the user, and
 * build them without running the migration again.
 */
public final class DeferredLedgerIndexes {

    private final LedgerIndexDeferral deferral;
    private final MigrationRunLock runs;

    private DeferredLedgerIndexes(LedgerIndexDeferral deferral, MigrationRunLock runs) {
        this.deferral = deferral;
        this.runs = runs;
    }

    public static DeferredLedgerIndexes of(JdbcStore store) {
        JdbcMigrationStore migration = (JdbcMigrationStore) store.loyaltyMigration();
        return new DeferredLedgerIndexes(migration.deferral(), migration.runs());
    }

    /** Names of the indexes dropped and not yet built again, in name order (empty when none). */
    public List<String> pending() {
        return deferral.pending();
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
     * @throws StoreException while a migration runs: its replay would maintain the index at every append, and builds it when it ends
     */
    public List<String> build() {
        List<String> pending = pending();
        if (pending.isEmpty()) return pending;
        if (migrationRunning()) {
            throw new StoreException("a migration is running on this database: it builds the ledger's indexes " + pending + " when its replay ends");
        }
        // marked running meanwhile: a migration started now would drop what this builds (on PostgreSQL it is refused)
        try (MigrationStore.Running building = runs.hold()) {
            deferral.restore();
        }
        return pending;
    }
}
