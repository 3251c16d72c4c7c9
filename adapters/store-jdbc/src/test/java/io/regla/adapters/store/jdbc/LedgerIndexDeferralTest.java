package io.regla.adapters.store.jdbc;

import io.regla.api.spi.StoreException;
import io.regla.rules.loyalty.ledger.Posting;
import io.regla.rules.loyalty.ledger.PostingResult;
import io.regla.rules.loyalty.migration.MigrationStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The replay's index deferral (V92) on both databases: the expiry index and the posting key are dropped and recorded, the
 * ledger refuses to post (and to list lots due) without the key, the other primary keys stay, and whatever state a killed
 * run left (recorded and dropped, recorded and not yet dropped, rebuilt and not yet forgotten) is rebuilt to the same
 * index and key definitions.
 */
class LedgerIndexDeferralTest {

    @Test
    void onH2(@TempDir Path dir) throws Exception {
        try (JdbcStore store = JdbcStore.h2(dir.resolve("db"), Clock.systemUTC())) {
            check(store, false);
        }
    }

    @Test
    void onPostgres() throws Exception {
        try (JdbcStore store = SharedPostgres.freshStore("deferral_" + System.nanoTime())) {
            check(store, true);
        }
    }

    private static void check(JdbcStore store, boolean postgres) throws Exception {
        Instant start = Instant.parse("2024-01-01T00:00:00Z");
        List<Posting> postings = new ArrayList<>();
        for (int m = 0; m < 30; m++) {
            for (int t = 0; t < 5; t++) {
                Instant at = start.plus(m * 7L + t, ChronoUnit.DAYS);
                postings.add(new Posting.Accrual("M" + m, "M" + m + "-T" + t, 10 + t, at, at,
                        start.plus(400 + m * 3L - t * 20, ChronoUnit.DAYS), null));
            }
        }
        store.ledger().postAll(postings);
        Instant due = start.plus(420, ChronoUnit.DAYS);
        List<String> dueWithIndex = store.ledger().membersWithLotsDue(due, null, 1000);
        List<String> indexes = indexes(store, postgres);
        assertThat(indexes).anyMatch(i -> i.contains("expiry"));
        assertThat(dueWithIndex).isNotEmpty();

        MigrationStore migration = store.loyaltyMigration();
        migration.deferLedgerIndexes();
        migration.deferLedgerIndexes(); // a resumed run defers again: nothing more to do, no error
        List<String> deferred = indexes(store, postgres);
        assertThat(deferred).noneMatch(i -> i.contains("expiry")).noneMatch(i -> i.startsWith("regla_ledger_posting "));
        assertThat(deferred).as("the members' and entries' keys stay")
                .containsAll(indexes.stream().filter(i -> !i.contains("expiry") && !i.startsWith("regla_ledger_posting ")).toList());
        assertThat(recorded(store)).containsExactlyInAnyOrder(postgres ? "regla_ledger_entry_expiry" : "\"REGLA_LEDGER_ENTRY_EXPIRY\"",
                "regla_ledger_posting_pkey");
        // without its posting key the ledger posts nothing (not even a new source) and does not read lots due by expiry
        long entries = count(store, "regla_ledger_entry");
        for (Posting p : List.of(postings.get(3), new Posting.Accrual("M1", "M1-T9", 5, start, start, start.plus(500, ChronoUnit.DAYS), null))) {
            assertThatThrownBy(() -> store.ledger().post(p)).isInstanceOf(StoreException.class)
                    .hasMessageContaining("posting key").hasMessageContaining("regla loyalty repair-indexes");
        }
        assertThatThrownBy(() -> store.ledger().membersWithLotsDue(due, null, 1000)).isInstanceOf(StoreException.class)
                .hasMessageContaining("posting key");
        assertThat(count(store, "regla_ledger_entry")).isEqualTo(entries);
        assertThat(count(store, "regla_ledger_posting")).isEqualTo(postings.size());

        migration.restoreLedgerIndexes();
        assertThat(indexes(store, postgres)).isEqualTo(indexes);
        assertThat(recorded(store)).isEmpty();
        assertThat(store.ledger().membersWithLotsDue(due, null, 1000)).isEqualTo(dueWithIndex);
        assertThat(store.ledger().post(postings.get(3)).outcome()).isEqualTo(PostingResult.Outcome.DUPLICATE);
        migration.restoreLedgerIndexes(); // nothing recorded: nothing done
        assertThat(indexes(store, postgres)).isEqualTo(indexes);

        // killed after the records, before the drops: the index and key are still there and are built at most once
        migration.deferLedgerIndexes();
        List<String> rows = new ArrayList<>();
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT index_name, table_name, create_sql FROM regla_deferred_index")) {
            while (rs.next()) {
                rows.add("'" + rs.getString(1).replace("'", "''") + "', '" + rs.getString(2) + "', '" + rs.getString(3).replace("'", "''") + "'");
            }
        }
        assertThat(rows).hasSize(2);
        migration.restoreLedgerIndexes();
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String row : rows) s.execute("INSERT INTO regla_deferred_index (index_name, table_name, create_sql) VALUES (" + row + ")");
        }
        migration.deferLedgerIndexes(); // drops what exists of what is recorded
        assertThat(indexes(store, postgres)).noneMatch(i -> i.contains("expiry")).noneMatch(i -> i.startsWith("regla_ledger_posting "));
        migration.restoreLedgerIndexes();
        assertThat(indexes(store, postgres)).isEqualTo(indexes);
        // killed after the builds, before the records were deleted: nothing built twice
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String row : rows) s.execute("INSERT INTO regla_deferred_index (index_name, table_name, create_sql) VALUES (" + row + ")");
        }
        migration.restoreLedgerIndexes();
        assertThat(indexes(store, postgres)).isEqualTo(indexes);
        assertThat(recorded(store)).isEmpty();
    }

    private static long count(JdbcStore store, String table) throws SQLException {
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<String> recorded(JdbcStore store) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT index_name FROM regla_deferred_index")) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    /** The ledger tables' indexes with their definition (columns, order, uniqueness), lower case, sorted. */
    private static List<String> indexes(JdbcStore store, boolean postgres) throws SQLException {
        String sql = postgres
                ? "SELECT tablename || ' ' || indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename LIKE 'regla_ledger_%' ORDER BY 1"
                : "SELECT i.TABLE_NAME || ' ' || i.INDEX_NAME || ' ' || i.INDEX_TYPE_NAME || ' ' || LISTAGG(k.COLUMN_NAME || ' ' || k.ORDERING_SPECIFICATION, ', ') "
                + "WITHIN GROUP (ORDER BY k.ORDINAL_POSITION) FROM INFORMATION_SCHEMA.INDEXES i JOIN INFORMATION_SCHEMA.INDEX_COLUMNS k "
                + "ON k.INDEX_SCHEMA = i.INDEX_SCHEMA AND k.INDEX_NAME = i.INDEX_NAME WHERE i.TABLE_SCHEMA = SCHEMA() "
                + "AND LOWER(i.TABLE_NAME) LIKE 'regla_ledger_%' GROUP BY i.TABLE_NAME, i.INDEX_NAME, i.INDEX_TYPE_NAME ORDER BY 1";
        List<String> out = new ArrayList<>();
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getString(1).toLowerCase(java.util.Locale.ROOT));
        }
        return out;
    }
}
