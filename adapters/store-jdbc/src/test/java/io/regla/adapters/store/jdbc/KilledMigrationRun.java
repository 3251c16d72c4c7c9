package io.regla.adapters.store.jdbc;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;

/**
 * A migration run killed while its H2 cache is raised, in a JVM of its own ({@link H2BulkCacheKillTest}): opens the
 * store, begins a run, raises the cache, lets H2 write its file as its background writer would within a second, then
 * halts the JVM as {@code kill -9} would (no shutdown hook, no {@code finally}, the run's handle never closed).
 */
public final class KilledMigrationRun {

    private KilledMigrationRun() {
    }

    public static void main(String[] args) throws Exception {
        JdbcStore store = JdbcStore.h2(Path.of(args[0]), Clock.systemUTC());
        store.loyaltyMigration().begin();
        store.loyaltyMigration().prepareBulk();
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CHECKPOINT");
        }
        Runtime.getRuntime().halt(137);
    }
}
