package io.regla.rules.loyalty.migration;

import io.regla.adapters.store.jdbc.DeferredLedgerIndexes;
import io.regla.adapters.store.jdbc.JdbcStore;
import io.regla.adapters.store.jdbc.SharedPostgres;
import io.regla.core.Regla;
import io.regla.core.decide.DroolsEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The load's index deferral on both databases: the export tables' member indexes (what the replay reads by, never the
 * load's checks) are dropped while the load writes and present once it has ended, with the same definitions; the
 * indexes the load's checks read and the primary keys stay; a run killed mid-load leaves them dropped and recorded,
 * and the resumed run builds them; the load's and the replay's deferrals build only their own; a second run drops nothing.
 */
class MigrationLoadIndexesTest {

    private static final DroolsEngine ENGINE = Regla.builder().bundledRules().buildDrools();

    @AfterAll
    static void close() {
        ENGINE.close();
    }

    @Test
    void onH2(@TempDir Path dir) throws Exception {
        Path export = dir.resolve("export");
        new ExportGenerator().generate(export, 60, 500, 5, true);
        try (JdbcStore store = JdbcStore.h2(dir.resolve("db"), Clock.systemUTC());
             JdbcStore killed = JdbcStore.h2(dir.resolve("killed"), Clock.systemUTC())) {
            storeLevel(store);
            migrationLevel(export, killed);
        }
    }

    @Test
    void onPostgres(@TempDir Path dir) throws Exception {
        Path export = dir.resolve("export");
        new ExportGenerator().generate(export, 60, 500, 5, true);
        try (JdbcStore store = SharedPostgres.freshStore("load_indexes_" + System.nanoTime());
             JdbcStore killed = SharedPostgres.freshStore("load_indexes_killed_" + System.nanoTime())) {
            storeLevel(store);
            migrationLevel(export, killed);
        }
    }

    private static void storeLevel(JdbcStore store) throws Exception {
        MigrationStore migration = store.loyaltyMigration();
        List<String> all = indexes(store);
        List<String> ledger = indexes(store).stream().filter(i -> i.startsWith("regla_ledger_")).toList();
        List<String> members = memberIndexes(store);
        assertThat(members).hasSize(3);

        migration.deferLoadIndexes();
        migration.deferLoadIndexes(); // a resumed run defers again: nothing more to do, no error
        assertThat(memberIndexes(store)).isEmpty();
        assertThat(recorded(store)).hasSize(3).allMatch(i -> i.endsWith("_member_events"));
        List<String> kept = new ArrayList<>(all);
        kept.removeAll(members);
        assertThat(indexes(store)).as("the refunds' transaction index, the rejects' and the primary keys stay").isEqualTo(kept);
        assertThat(String.join("\n", indexes(store))).contains("regla_migration_refund_tx", "regla_migration_reject_record");
        assertThat(DeferredLedgerIndexes.of(store).pending()).as("an unfinished migration's indexes include the load's").hasSize(3);

        // each stage builds its own: the replay's restore leaves the load's dropped, and the load's leaves the replay's
        migration.deferLedgerIndexes();
        migration.restoreLedgerIndexes();
        assertThat(memberIndexes(store)).isEmpty();
        assertThat(recorded(store)).hasSize(3);
        migration.deferLedgerIndexes();
        migration.restoreLoadIndexes();
        assertThat(memberIndexes(store)).hasSize(3);
        assertThat(indexes(store).stream().filter(i -> i.startsWith("regla_ledger_")).toList()).isNotEqualTo(ledger);
        migration.restoreLedgerIndexes();
        assertThat(indexes(store)).isEqualTo(all);
        assertThat(recorded(store)).isEmpty();
        migration.restoreLoadIndexes(); // nothing recorded: nothing done
        assertThat(indexes(store)).isEqualTo(all);

        // killed after the record, before the drop; killed after the build, before it is forgotten: built once, the same
        List<String[]> rows = new ArrayList<>();
        migration.deferLoadIndexes();
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT index_name, table_name, create_sql FROM regla_deferred_index")) {
            while (rs.next()) rows.add(new String[]{rs.getString(1), rs.getString(2), rs.getString(3)});
        }
        migration.restoreLoadIndexes();
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String[] r : rows) {
                s.execute("INSERT INTO regla_deferred_index (index_name, table_name, create_sql) VALUES ('" + r[0].replace("'", "''") + "', '"
                        + r[1] + "', '" + r[2].replace("'", "''") + "')");
            }
        }
        migration.restoreLoadIndexes();
        assertThat(indexes(store)).isEqualTo(all);
        assertThat(recorded(store)).isEmpty();
    }

    /** A run killed after the load's first batch, resumed: dropped meanwhile, built by the resumed run, then a second run drops nothing. */
    private static void migrationLevel(Path export, JdbcStore store) throws Exception {
        List<String> all = indexes(store);
        MigrationResumeProperties.Killing probe = new MigrationResumeProperties.Killing(store, Integer.MAX_VALUE, false);
        // the write after the drop: the first batch of members.csv committed, then killed
        MigrationResumeProperties.Killing k = new MigrationResumeProperties.Killing(store, 1, true);
        try {
            CrmMigration.builder(ENGINE, k, k.migrationStore()).batchSize(40).threads(1).cutover(ExportGenerator.DEFAULT_CUTOVER).build().run(export);
        } catch (MigrationResumeProperties.Killed e) {
            // expected
        }
        assertThat(k.loadDeferAt).isZero();
        assertThat(k.firstLoadCommitAt).isEqualTo(1);
        assertThat(memberIndexes(store)).as("dropped during the load").isEmpty();
        assertThat(recorded(store)).hasSize(3);

        MigrationResult resumed = CrmMigration.builder(ENGINE, probe, probe.migrationStore()).batchSize(40).threads(1)
                .cutover(ExportGenerator.DEFAULT_CUTOVER).build().run(export);
        assertThat(resumed.complete()).as(resumed.summary()).isTrue();
        assertThat(probe.loadDeferAt).as("the resumed load drops what is still there (nothing)").isZero();
        assertThat(probe.loadRestoreAt).isGreaterThan(probe.firstLoadCommitAt).isLessThan(probe.deferAt);
        assertThat(indexes(store)).as("present after the load, as before it").isEqualTo(all);
        assertThat(recorded(store)).isEmpty();

        MigrationResumeProperties.Killing second = new MigrationResumeProperties.Killing(store, Integer.MAX_VALUE, false);
        CrmMigration.builder(ENGINE, second, second.migrationStore()).batchSize(40).threads(1).cutover(ExportGenerator.DEFAULT_CUTOVER).build().run(export);
        assertThat(second.loadDeferAt).as("a second run drops nothing").isEqualTo(-1);
        assertThat(indexes(store)).isEqualTo(all);
    }

    private static List<String> recorded(JdbcStore store) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT index_name FROM regla_deferred_index ORDER BY 1")) {
            while (rs.next()) out.add(rs.getString(1).replace("\"", "").toLowerCase(Locale.ROOT));
        }
        return out;
    }

    /** The plain indexes of a migration table that start with member_id (V98: they carry what the replay reads). */
    private static List<String> memberIndexes(JdbcStore store) throws SQLException {
        return indexes(store).stream().filter(i -> i.startsWith("regla_migration_") && i.contains(" index (member_id")
                && !i.contains(" unique index (")).toList();
    }

    /**
     * The ledger's and the migration tables' indexes: table, name, uniqueness and columns in order, lower case, sorted
     * ({@code regla_migration_transaction regla_migration_transaction_member index (member_id)}).
     */
    private static List<String> indexes(JdbcStore store) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
            boolean h2 = c.getMetaData().getDatabaseProductName().equals("H2");
            String sql = h2
                    ? "SELECT i.TABLE_NAME || ' ' || i.INDEX_NAME || ' ' || i.INDEX_TYPE_NAME || ' (' || LISTAGG(k.COLUMN_NAME || "
                    + "CASE WHEN k.ORDERING_SPECIFICATION = 'DESC' THEN ' desc' ELSE '' END, ', ') WITHIN GROUP (ORDER BY k.ORDINAL_POSITION) || ')' "
                    + "FROM INFORMATION_SCHEMA.INDEXES i JOIN INFORMATION_SCHEMA.INDEX_COLUMNS k ON k.INDEX_SCHEMA = i.INDEX_SCHEMA "
                    + "AND k.INDEX_NAME = i.INDEX_NAME WHERE i.TABLE_SCHEMA = SCHEMA() AND (LOWER(i.TABLE_NAME) LIKE 'regla_ledger_%' "
                    + "OR LOWER(i.TABLE_NAME) LIKE 'regla_migration_%') GROUP BY i.TABLE_NAME, i.INDEX_NAME, i.INDEX_TYPE_NAME ORDER BY 1"
                    : "SELECT tablename || ' ' || indexname || ' ' || CASE WHEN indexdef LIKE 'CREATE UNIQUE %' THEN 'unique' ELSE 'index' END || ' ' "
                    + "|| substring(indexdef from '\\(.*\\)$') FROM pg_indexes WHERE schemaname = current_schema() "
                    + "AND (tablename LIKE 'regla_ledger_%' OR tablename LIKE 'regla_migration_%') ORDER BY 1";
            try (ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) out.add(rs.getString(1).toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }
}
