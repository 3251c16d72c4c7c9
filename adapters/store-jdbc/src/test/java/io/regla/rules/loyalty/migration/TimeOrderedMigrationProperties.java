package io.regla.rules.loyalty.migration;

import io.regla.adapters.store.jdbc.JdbcStore;
import io.regla.core.Regla;
import io.regla.core.decide.DroolsEngine;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A time-ordered export (what a core-banking CRM writes: each file by time, ids numbered with time, a member's rows
 * spread over the whole file) migrates to exactly what its generator expects: the rejects per check (a repeated id's
 * first row in the file migrated), the balances per class, and migrated + rejected = legacy for every file, whatever
 * the batch size and the threads.
 */
class TimeOrderedMigrationProperties {

    private static final DroolsEngine ENGINE = Regla.builder().bundledRules().buildDrools();

    @AfterContainer
    static void close() {
        ENGINE.close();
    }

    @Property(tries = 4)
    void aTimeOrderedExportWithFaultsMigratesToTheGeneratorsExpectations(@ForAll @IntRange(min = 1, max = 100_000) int seed,
                                                                         @ForAll @IntRange(min = 7, max = 400) int batch,
                                                                         @ForAll @IntRange(min = 1, max = 2) int threads) throws IOException {
        Path dir = Files.createTempDirectory("regla-time-migration");
        try {
            migratesAsGenerated(dir, 60, 500, seed, batch, threads);
        } finally {
            delete(dir);
        }
    }

    @Example
    void everyKindOfFaultIsFoundInATimeOrderedExport() throws IOException {
        Path dir = Files.createTempDirectory("regla-time-migration");
        try {
            ExportGenerator.Result g = migratesAsGenerated(dir, 200, 1_500, 7, 300, CrmMigration.defaultThreads());
            assertThat(g.faults()).hasSize(ExportGenerator.Fault.values().length);
        } finally {
            delete(dir);
        }
    }

    private static ExportGenerator.Result migratesAsGenerated(Path dir, int members, int transactions, long seed, int batch, int threads)
            throws IOException {
        Path export = dir.resolve("export");
        ExportGenerator.Result g = new ExportGenerator().generate(export, members, transactions, seed, true, ExportGenerator.Order.TIME);
        try (JdbcStore store = JdbcStore.h2(dir.resolve("db"), Clock.systemUTC())) {
            MigrationResult r = CrmMigration.builder(ENGINE, store.ledger(), store.loyaltyMigration()).batchSize(batch).threads(threads)
                    .cutover(ExportGenerator.DEFAULT_CUTOVER).build().run(export);
            assertThat(r.rejects()).as(r.summary()).isEqualTo(g.expectedRejects());
            assertThat(r.balanceCounts()).as(r.summary()).isEqualTo(g.expectedBalances());
            for (LegacyFile f : LegacyFile.values()) {
                MigrationResult.FileCounts c = r.files().get(f);
                assertThat(c.legacy()).as(f.key()).isEqualTo(g.legacy().get(f.key()));
                assertThat(c.migrated() + c.rejected()).as(f.key()).isEqualTo(c.legacy());
                assertThat(c.migratedSum()).as(f.key()).isEqualByComparingTo(c.legacySum().subtract(c.rejectedSum()));
            }
            assertThat(r.unaccountedLines()).isZero();
            assertThat(r.complete()).as(r.summary()).isTrue();
        }
        return g;
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
