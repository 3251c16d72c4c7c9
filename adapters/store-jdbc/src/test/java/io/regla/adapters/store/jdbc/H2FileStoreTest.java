package io.regla.adapters.store.jdbc;

import io.regla.store.tck.TestNote;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded default: a file that survives restarts and is migrated once. */
class H2FileStoreTest {

    @TempDir
    Path dir;

    @Test
    void dataSurvivesAReopenAndTheSchemaIsMigratedOnce() throws Exception {
        Path file = dir.resolve("regla");
        try (JdbcStore store = JdbcStore.h2(file, Clock.systemUTC())) {
            store.facts().put("n1", new TestNote("n1", "kept"));
            store.cursors().put("sync", "2023-02-01");
        }
        assertThat(Files.exists(dir.resolve("regla.mv.db"))).isTrue();
        try (JdbcStore store = JdbcStore.h2(file, Clock.systemUTC())) {
            assertThat(store.facts().get(TestNote.class, "n1").orElseThrow().value().text()).isEqualTo("kept");
            assertThat(store.cursors().get("sync")).contains("2023-02-01");
            try (Connection c = store.dataSource().getConnection();
                 ResultSet rs = c.createStatement().executeQuery(
                         "SELECT COUNT(*) FROM \"regla_schema_history\" WHERE \"success\" = TRUE AND \"type\" = 'SQL'")) {
                rs.next();
                // V1 store, V2 loyalty ledger, V3 decision log, V10 quality runs, V20 loyalty migration, V21 replay by member, V30 service, V60 shadow samples, V70 migration load indexes, V80 service at scale, V90 service status days, V91 service agent months, V92 deferred indexes, V97 service customer counter, V98 loyalty migration member events: each applied once, not again on reopening
                assertThat(rs.getInt(1)).as("applied SQL migrations").isEqualTo(15);
            }
        }
    }

    @Test
    void aFileNamedWithH2sOwnSuffixIsTheSameStore() throws Exception {
        try (JdbcStore store = JdbcStore.h2(dir.resolve("regla.mv.db"), Clock.systemUTC())) {
            store.facts().put("n1", new TestNote("n1", "kept"));
        }
        assertThat(Files.exists(dir.resolve("regla.mv.db.mv.db"))).isFalse();
        try (JdbcStore store = JdbcStore.h2(dir.resolve("regla"), Clock.systemUTC())) {
            assertThat(store.facts().get(TestNote.class, "n1").orElseThrow().value().text()).isEqualTo("kept");
        }
    }
}
