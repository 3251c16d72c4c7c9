package io.regla.rules.loyalty.migration;

import io.regla.adapters.store.jdbc.DeferredLedgerIndexes;
import io.regla.adapters.store.jdbc.JdbcStore;
import io.regla.adapters.store.jdbc.SharedPostgres;
import io.regla.api.spi.StoreException;
import io.regla.core.Regla;
import io.regla.core.decide.DroolsEngine;
import io.regla.rules.loyalty.ledger.Posting;
import io.regla.rules.loyalty.ledger.PostingResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The ledger's posting key, dropped during the replay and built after it, when the ledger already held live postings of
 * sources the export has too (the only way a key can repeat): the replay stage fails naming each repeated (kind, source)
 * and its members, nothing is lost and the key stays recorded (the ledger refusing postings), and once the live postings
 * are removed the same migration run again resumes to the ledger and results of a migration that never met them. On H2
 * and on PostgreSQL.
 */
class MigrationPostingKeyTest {

    private static final DroolsEngine ENGINE = Regla.builder().bundledRules().buildDrools();
    @TempDir
    static Path shared;
    private static Path export;
    /** A clean run's reconciliation, ledger and two of its accruals (kind, source, member). */
    private static String reference;
    private static String referenceLedger;
    private static List<String[]> accruals;

    @BeforeAll
    static void reference() throws Exception {
        export = shared.resolve("export");
        new ExportGenerator().generate(export, 40, 300, 3, true);
        try (JdbcStore store = JdbcStore.h2(shared.resolve("reference"), Clock.systemUTC())) {
            reference = CrmMigrationTest.migration(store).run(export).reconciliationJson();
            referenceLedger = ledger(store);
            accruals = rows(store, "SELECT posting_kind, source_id, member_id FROM regla_ledger_posting WHERE posting_kind = 'ACCRUAL' "
                    + "ORDER BY source_id FETCH FIRST 2 ROWS ONLY");
        }
        assertThat(accruals).hasSize(2);
    }

    @AfterAll
    static void close() {
        ENGINE.close();
    }

    @Test
    void onH2(@TempDir Path dir) throws Exception {
        try (JdbcStore store = JdbcStore.h2(dir.resolve("db"), Clock.systemUTC())) {
            check(store);
        }
    }

    @Test
    void onPostgres() throws Exception {
        try (JdbcStore store = SharedPostgres.freshStore("posting_key_" + System.nanoTime())) {
            check(store);
        }
    }

    private static void check(JdbcStore store) throws Exception {
        Instant at = Instant.parse("2025-01-10T12:00:00Z");
        // live postings made before the migration, of two of the export's purchases, to members the export does not have
        for (int i = 0; i < accruals.size(); i++) {
            PostingResult r = store.ledger().post(new Posting.Accrual("LIVE-" + i, accruals.get(i)[1], 10, at, at, at.plus(365, ChronoUnit.DAYS), null));
            assertThat(r.outcome()).isEqualTo(PostingResult.Outcome.POSTED);
        }
        assertThatThrownBy(() -> CrmMigrationTest.migration(store).run(export)).isInstanceOf(StoreException.class)
                .hasMessageContaining("cannot be built after the migration's replay: 2 sources were posted more than once")
                .hasMessageContaining("ACCRUAL " + accruals.get(0)[1] + " (members ")
                .hasMessageContaining("ACCRUAL " + accruals.get(1)[1] + " (members ")
                .hasMessageContaining("LIVE-0").hasMessageContaining("LIVE-1")
                .hasMessageContaining(accruals.get(0)[2]).hasMessageContaining(accruals.get(1)[2])
                .hasMessageContaining("regla loyalty repair-indexes");
        // nothing dropped: the replay's postings and the live ones are all there, the key still to be built
        assertThat(rows(store, "SELECT member_id FROM regla_ledger_posting WHERE source_id = '" + accruals.get(0)[1] + "' ORDER BY member_id"))
                .extracting(r -> r[0]).containsExactlyInAnyOrder(accruals.get(0)[2], "LIVE-0");
        DeferredLedgerIndexes indexes = DeferredLedgerIndexes.of(store);
        assertThat(indexes.leftByUnfinishedMigration()).contains("regla_ledger_posting_pkey");
        assertThatThrownBy(() -> store.ledger().post(new Posting.Accrual("LIVE-9", "T-new", 10, at, at, at.plus(365, ChronoUnit.DAYS), null)))
                .isInstanceOf(StoreException.class).hasMessageContaining("a migration that did not finish left it dropped");
        assertThatThrownBy(indexes::build).isInstanceOf(StoreException.class).hasMessageContaining("2 sources were posted more than once");

        // resolved: the live postings go; the migration run again resumes, builds the key, and ends as a clean one
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String table : List.of("regla_ledger_posting", "regla_ledger_entry", "regla_ledger_member")) {
                s.execute("DELETE FROM " + table + " WHERE member_id LIKE 'LIVE-%'");
            }
        }
        MigrationResult resumed = CrmMigrationTest.migration(store).run(export);
        assertThat(resumed.reconciliationJson()).isEqualTo(reference);
        assertThat(ledger(store)).isEqualTo(referenceLedger);
        assertThat(indexes.pending()).isEmpty();
        PostingResult again = store.ledger().post(new Posting.Accrual("LIVE-0", accruals.get(0)[1], 10, at, at, at.plus(365, ChronoUnit.DAYS), null));
        assertThat(again.outcome()).as("the key refuses a source posted twice again").isEqualTo(PostingResult.Outcome.DUPLICATE);
    }

    /** The ledger's rows, but when they were recorded, in text order. */
    private static String ledger(JdbcStore store) throws Exception {
        StringBuilder b = new StringBuilder();
        for (String q : List.of("SELECT posting_kind, source_id, member_id FROM regla_ledger_posting ORDER BY posting_kind, source_id",
                "SELECT member_id, entry_no, kind, source_id, lot_id, points, occurred_at, available_at, expires_at, note FROM regla_ledger_entry "
                        + "ORDER BY member_id, entry_no",
                "SELECT member_id, entry_count FROM regla_ledger_member ORDER BY member_id")) {
            // sorted here: PostgreSQL's collation may order ids otherwise than H2
            rows(store, q).stream().map(r -> String.join("|", r)).sorted().forEach(l -> b.append(l).append('\n'));
        }
        return b.toString();
    }

    private static List<String[]> rows(JdbcStore store, String sql) throws Exception {
        List<String[]> out = new ArrayList<>();
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                String[] row = new String[n];
                for (int i = 0; i < n; i++) row[i] = rs.getString(i + 1);
                out.add(row);
            }
        }
        return out;
    }
}
