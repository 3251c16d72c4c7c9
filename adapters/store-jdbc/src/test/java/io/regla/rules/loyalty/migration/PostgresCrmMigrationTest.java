package io.regla.rules.loyalty.migration;

import io.regla.adapters.store.jdbc.JdbcStore;
import io.regla.adapters.store.jdbc.SharedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same faulty export migrated into PostgreSQL (rows and ledger through COPY, the checks across records as
 * array lookups): every fault found, the totals add up, and a second run changes nothing.
 */
class PostgresCrmMigrationTest {

    @Test
    void everyInjectedFaultIsFoundOnPostgres(@TempDir Path dir) throws Exception {
        Path export = dir.resolve("export");
        ExportGenerator.Result generated = new ExportGenerator().generate(export, 200, 1_500, 7, true);
        try (JdbcStore store = SharedPostgres.freshStore("regla_crm_migration")) {
            MigrationResult r = CrmMigrationTest.migration(store).run(export);
            assertThat(r.rejects()).isEqualTo(generated.expectedRejects());
            assertThat(r.balanceCounts()).isEqualTo(generated.expectedBalances());
            assertThat(r.complete()).as(r.summary()).isTrue();
            for (LegacyFile f : LegacyFile.values()) {
                assertThat(r.files().get(f).legacy()).isEqualTo(generated.legacy().get(f.key()));
            }
            long entries = CrmMigrationTest.entries(store);
            MigrationResult again = CrmMigrationTest.migration(store).run(export);
            assertThat(CrmMigrationTest.entries(store)).isEqualTo(entries);
            assertThat(again.reconciliationJson()).isEqualTo(r.reconciliationJson());
        }
    }
}
