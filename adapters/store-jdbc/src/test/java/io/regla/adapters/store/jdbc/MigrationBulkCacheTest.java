package io.regla.adapters.store.jdbc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/** A migration raises the embedded H2's page cache for its bulk load, within the heap, and never lowers it. */
class MigrationBulkCacheTest {

    @Test
    void theCacheIsAnEighthOfTheHeapBetween16MiBAnd1GiB() {
        assertThat(H2BulkCache.bulkCacheKiB(4L << 30)).isEqualTo(512L << 10);
        assertThat(H2BulkCache.bulkCacheKiB(64L << 20)).isEqualTo(16L << 10);
        assertThat(H2BulkCache.bulkCacheKiB(64L << 30)).isEqualTo(1L << 20);
    }

    @Test
    void prepareBulkRaisesH2sCacheAndNeverLowersIt(@TempDir Path dir) throws Exception {
        try (JdbcStore store = JdbcStore.h2(dir.resolve("db"), Clock.systemUTC())) {
            assertThat(cacheMiB(store)).isEqualTo(16);
            store.loyaltyMigration().prepareBulk();
            long expected = Math.max(16, H2BulkCache.bulkCacheKiB(Runtime.getRuntime().maxMemory()) >> 10);
            assertThat(cacheMiB(store)).isEqualTo(expected);

            try (var c = store.dataSource().getConnection(); var st = c.createStatement()) {
                st.execute("SET CACHE_SIZE " + ((expected + 100) << 10));
            }
            store.loyaltyMigration().prepareBulk();
            assertThat(cacheMiB(store)).isEqualTo(expected + 100);
        }
    }

    @Test
    void theRaisedCacheEndsWithTheRunAndIsNotWhatTheFileOpensWithNext(@TempDir Path dir) throws Exception {
        long raised;
        try (JdbcStore store = JdbcStore.h2(dir.resolve("db"), Clock.systemUTC())) {
            try (var run = store.loyaltyMigration().begin()) {
                store.loyaltyMigration().prepareBulk();
                raised = cacheMiB(store);
            }
            assertThat(cacheMiB(store)).as("back to what it was once the run ended").isEqualTo(16);
        }
        assertThat(raised).isGreaterThanOrEqualTo(16);
        // H2 keeps CACHE_SIZE in the file: `regla serve` on the migrated file must not inherit the migration's cache
        try (JdbcStore store = JdbcStore.h2(dir.resolve("db"), Clock.systemUTC())) {
            assertThat(cacheMiB(store)).isEqualTo(16);
        }
    }

    private static long cacheMiB(JdbcStore store) throws Exception {
        return H2BulkCacheKillTest.cacheMiB(store.dataSource().getConnection());
    }
}
