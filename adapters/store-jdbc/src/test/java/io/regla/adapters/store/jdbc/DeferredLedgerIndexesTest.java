package io.regla.adapters.store.jdbc;

import io.regla.api.spi.StoreException;
import io.regla.rules.loyalty.migration.MigrationStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The ledger index a killed migration left dropped is told apart from one a running migration dropped, and is built
 * again on demand, idempotently, on both databases; on PostgreSQL another process's run is seen and a second run refused.
 */
class DeferredLedgerIndexesTest {

    @Test
    void onH2(@TempDir Path dir) throws Exception {
        try (JdbcStore store = JdbcStore.h2(dir.resolve("db"), Clock.systemUTC())) {
            check(store);
        }
    }

    @Test
    void onPostgres() throws Exception {
        String database = "deferred_" + System.nanoTime();
        try (JdbcStore store = SharedPostgres.freshStore(database);
             JdbcStore other = JdbcStore.connect(TestDatabases.postgres().getJdbcUrl("postgres", database), "postgres", null, Clock.systemUTC())) {
            check(store);
            // another process's run: seen by this one, and a second run refused at once; nothing held once it ends, even killed
            DeferredLedgerIndexes here = DeferredLedgerIndexes.of(store);
            store.loyaltyMigration().deferLedgerIndexes();
            try (MigrationStore.Running running = other.loyaltyMigration().begin()) {
                assertThat(here.migrationRunning()).isTrue();
                assertThat(here.leftByUnfinishedMigration()).isEmpty();
                assertThatThrownBy(() -> store.loyaltyMigration().begin()).isInstanceOf(StoreException.class)
                        .hasMessageContaining("another migration is running");
                assertThatThrownBy(here::build).isInstanceOf(StoreException.class);
            }
            assertThat(here.migrationRunning()).isFalse();
            assertThat(here.leftByUnfinishedMigration()).isNotEmpty();
            MigrationStore.Running killed = other.loyaltyMigration().begin();
            assertThat(here.migrationRunning()).isTrue();
            other.close(); // the process ends without closing its run: its session, and so its lock, go with it
            for (int i = 0; i < 100 && here.migrationRunning(); i++) Thread.sleep(100); // the server ends the session once it sees it closed
            assertThat(here.migrationRunning()).isFalse();
            assertThat(here.build()).isNotEmpty();
            assertThat(here.pending()).isEmpty();
        }
    }

    private static void check(JdbcStore store) throws Exception {
        DeferredLedgerIndexes indexes = DeferredLedgerIndexes.of(store);
        List<String> before = expiryIndexes(store);
        assertThat(before).isNotEmpty();
        assertThat(indexes.pending()).isEmpty();
        assertThat(indexes.build()).as("nothing to build: nothing done").isEmpty();

        // a replay killed after dropping the index and the posting key: left dropped, and said so once no migration runs
        store.loyaltyMigration().deferLedgerIndexes();
        assertThat(expiryIndexes(store)).isEmpty();
        assertThat(indexes.pending()).hasSize(2).contains("regla_ledger_posting_pkey");
        assertThat(indexes.migrationRunning()).isFalse();
        assertThat(indexes.leftByUnfinishedMigration()).isEqualTo(indexes.pending());

        // while a migration runs, the dropped index is its own: not reported, and not built under it
        try (MigrationStore.Running running = store.loyaltyMigration().begin()) {
            assertThat(indexes.migrationRunning()).isTrue();
            assertThat(indexes.leftByUnfinishedMigration()).isEmpty();
            assertThatThrownBy(indexes::build).isInstanceOf(StoreException.class).hasMessageContaining("a migration is running");
        }
        assertThat(indexes.migrationRunning()).isFalse();

        List<String> pending = indexes.pending();
        assertThat(indexes.build()).isEqualTo(pending);
        assertThat(expiryIndexes(store)).isEqualTo(before);
        assertThat(indexes.pending()).isEmpty();
        assertThat(indexes.leftByUnfinishedMigration()).isEmpty();
        assertThat(indexes.build()).as("built already: nothing done").isEmpty();
        assertThat(expiryIndexes(store)).isEqualTo(before);
    }

    /** The ledger entries' indexes on the expiry column, by name. */
    private static List<String> expiryIndexes(JdbcStore store) throws Exception {
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(c.getMetaData().getDatabaseProductName().equals("H2")
                     ? "SELECT LOWER(INDEX_NAME) FROM INFORMATION_SCHEMA.INDEX_COLUMNS WHERE LOWER(TABLE_NAME) = 'regla_ledger_entry' "
                     + "AND LOWER(COLUMN_NAME) LIKE 'expires%' AND TABLE_SCHEMA = SCHEMA() ORDER BY 1"
                     : "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'regla_ledger_entry' "
                     + "AND indexdef LIKE '%expires%' ORDER BY 1")) {
            List<String> out = new java.util.ArrayList<>();
            while (rs.next()) out.add(rs.getString(1));
            return out;
        }
    }
}
