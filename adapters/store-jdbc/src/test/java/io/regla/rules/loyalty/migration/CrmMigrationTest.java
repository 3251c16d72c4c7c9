package io.regla.rules.loyalty.migration;

import io.regla.adapters.store.jdbc.DeferredLedgerIndexes;
import io.regla.adapters.store.jdbc.JdbcStore;
import io.regla.core.Regla;
import io.regla.core.decide.DroolsEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A synthetic export with every kind of fault, migrated into H2: every fault found, totals add up, a second run changes nothing. */
class CrmMigrationTest {

    private static final DroolsEngine ENGINE = Regla.builder().bundledRules().buildDrools();

    @AfterAll
    static void close() {
        ENGINE.close();
    }

    @Test
    void everyInjectedFaultIsFoundAndTheTotalsAddUp(@TempDir Path dir) throws Exception {
        Path export = dir.resolve("export");
        ExportGenerator.Result generated = new ExportGenerator().generate(export, 200, 1_500, 7, true);
        assertThat(generated.faults()).hasSize(ExportGenerator.Fault.values().length);
        try (JdbcStore store = JdbcStore.h2(dir.resolve("db"), Clock.systemUTC())) {
            MigrationResult r = migration(store).run(export);
            assertThat(r.rejects()).isEqualTo(generated.expectedRejects());
            assertThat(r.balanceCounts()).isEqualTo(generated.expectedBalances());
            assertThat(r.complete()).as(r.summary()).isTrue();
            // the before check (quality contracts) sees every single-record kind of fault and the orphans
            assertThat(r.profile().contractFindings()).containsKeys("members:DUPLICATE_KEY", "members:ENUM", "members:REQUIRED",
                    "members:TYPE", "transactions:ORPHAN_REFERENCE", "transactions:RANGE", "transactions:TYPE", "transactions:DUPLICATE_KEY",
                    "refunds:ORPHAN_REFERENCE", "refunds:RANGE", "redemptions:ORPHAN_REFERENCE", "redemptions:RANGE");
            for (LegacyFile f : LegacyFile.values()) {
                assertThat(r.files().get(f).legacy()).isEqualTo(generated.legacy().get(f.key()));
            }
            MigrationReport.write(dir.resolve("report"), r, store.loyaltyMigration());
            assertThat(Files.readString(dir.resolve("report/reconciliation.json"))).contains("\"MATCH\": " + generated.expectedBalances().get("MATCH"));
            assertThat(Files.readAllLines(dir.resolve("report/rejects.csv"))).hasSize(1 + (int) generated.expectedRejects().values().stream()
                    .mapToLong(Long::longValue).sum());
            assertThat(Files.readString(dir.resolve("report/report.html"))).contains("Verificación de saldos").doesNotContain("@example.com");

            // a purchase is not stored twice: the migrated rows are the history a later refund finds, with their refunds
            try (var c = store.dataSource().getConnection(); var rs = c.createStatement().executeQuery(
                    "SELECT transaction_id, SUM(amount) FROM regla_migration_refund GROUP BY transaction_id ORDER BY transaction_id FETCH FIRST 1 ROWS ONLY")) {
                rs.next();
                String tx = rs.getString(1);
                io.regla.rules.loyalty.ledger.Purchase p = ((io.regla.rules.loyalty.ledger.PurchaseHistory) store.ledger())
                        .purchases(java.util.List.of(tx)).get(tx);
                assertThat(p).as("migrated purchase %s", tx).isNotNull();
                assertThat(p.refundedBefore("none")).isEqualByComparingTo(rs.getBigDecimal(2));
            }
            assertThat(count(store, "regla_loyalty_purchase")).isZero();

            long entries = entries(store);
            MigrationResult again = migration(store).run(export);
            assertThat(entries(store)).isEqualTo(entries);
            assertThat(again.reconciliationJson()).isEqualTo(r.reconciliationJson());
            assertThat(again.replay().events()).isZero();
        }
    }

    @Test
    void aCleanExportHasNoContractFindingsAndEveryBalanceMatches(@TempDir Path dir) throws Exception {
        ExportGenerator.Result generated = new ExportGenerator().generate(dir.resolve("export"), 60, 500, 5, false);
        try (JdbcStore store = JdbcStore.h2(dir.resolve("db"), Clock.systemUTC())) {
            MigrationResult r = migration(store).run(dir.resolve("export"));
            assertThat(r.profile().contractFindings()).isEmpty();
            assertThat(r.rejects()).isEmpty();
            assertThat(r.balanceCounts()).isEqualTo(generated.expectedBalances());
            assertThat(r.balanceCounts().get("DRIFT_UP") + r.balanceCounts().get("DRIFT_DOWN")).isZero();
        }
    }

    @Test
    void aMissingFileIsAnUnreadableExport(@TempDir Path dir) throws Exception {
        new ExportGenerator().generate(dir.resolve("export"), 10, 20, 1, false);
        Files.delete(dir.resolve("export/refunds.csv"));
        try (JdbcStore store = JdbcStore.h2(dir.resolve("db"), Clock.systemUTC())) {
            assertThatThrownBy(() -> migration(store).run(dir.resolve("export"))).isInstanceOf(UnreadableExportException.class)
                    .hasMessageContaining("refunds.csv");
        }
    }

    /** A run is marked running in the store from its start to its end, whether it completes or fails. */
    @Test
    void aRunIsMarkedRunningUntilItEnds(@TempDir Path dir) throws Exception {
        new ExportGenerator().generate(dir.resolve("export"), 20, 100, 3, false);
        try (JdbcStore store = JdbcStore.h2(dir.resolve("db"), Clock.systemUTC())) {
            DeferredLedgerIndexes indexes = DeferredLedgerIndexes.of(store);
            Map<String, Boolean> running = new HashMap<>();
            CrmMigration.builder(ENGINE, store.ledger(), store.loyaltyMigration()).batchSize(300).cutover(ExportGenerator.DEFAULT_CUTOVER)
                    .afterStage(stage -> running.put(stage, indexes.migrationRunning())).build().run(dir.resolve("export"));
            assertThat(running).containsExactlyInAnyOrderEntriesOf(Map.of("load", true, "replay", true, "verify", true));
            assertThat(indexes.migrationRunning()).isFalse();
            Files.delete(dir.resolve("export/members.csv"));
            assertThatThrownBy(() -> migration(store).run(dir.resolve("export"))).isInstanceOf(UnreadableExportException.class);
            assertThat(indexes.migrationRunning()).as("a failed run ends too").isFalse();
        }
    }

    static CrmMigration migration(JdbcStore store) {
        return CrmMigration.builder(ENGINE, store.ledger(), store.loyaltyMigration()).batchSize(300)
                .cutover(ExportGenerator.DEFAULT_CUTOVER).build();
    }

    static long count(JdbcStore store, String table) throws Exception {
        try (var c = store.dataSource().getConnection(); var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static long entries(JdbcStore store) throws Exception {
        try (var c = store.dataSource().getConnection(); var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM regla_ledger_entry")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
