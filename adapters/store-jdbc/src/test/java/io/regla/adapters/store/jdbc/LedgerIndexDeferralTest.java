package io.regla.adapters.store.jdbc;

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

/**
 * The replay's index deferral (V92) on both databases: the expiry index is dropped and recorded, the ledger's queries
 * stay correct without it, the primary keys stay, and whatever state a killed run left (recorded and dropped, recorded and
 * not yet dropped, rebuilt and not yet forgotten) is rebuilt to the same index definition.
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
        assertThat(deferred).noneMatch(i -> i.contains("expiry"));
        assertThat(deferred).as("unique indexes stay").containsAll(indexes.stream().filter(i -> !i.contains("expiry")).toList());
        assertThat(recorded(store)).hasSize(1);
        // without the index the ledger answers the same, and still refuses a posting appended twice
        assertThat(store.ledger().membersWithLotsDue(due, null, 1000)).isEqualTo(dueWithIndex);
        assertThat(store.ledger().post(postings.get(3)).outcome()).isEqualTo(PostingResult.Outcome.DUPLICATE);

        migration.restoreLedgerIndexes();
        assertThat(indexes(store, postgres)).isEqualTo(indexes);
        assertThat(recorded(store)).isEmpty();
        migration.restoreLedgerIndexes(); // nothing recorded: nothing done
        assertThat(indexes(store, postgres)).isEqualTo(indexes);

        // killed after the record, before the drop: the index is still there and is built at most once
        migration.deferLedgerIndexes();
        migration.restoreLedgerIndexes();
        String row = null;
        migration.deferLedgerIndexes();
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT index_name, table_name, create_sql FROM regla_deferred_index")) {
            assertThat(rs.next()).isTrue();
            row = "'" + rs.getString(1).replace("'", "''") + "', '" + rs.getString(2) + "', '" + rs.getString(3).replace("'", "''") + "'";
        }
        migration.restoreLedgerIndexes();
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO regla_deferred_index (index_name, table_name, create_sql) VALUES (" + row + ")");
        }
        migration.restoreLedgerIndexes();
        assertThat(indexes(store, postgres)).isEqualTo(indexes);
        assertThat(recorded(store)).isEmpty();
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
