package io.regla.examples.loyalty;

import io.regla.adapters.store.jdbc.JdbcStore;
import io.regla.core.Regla;
import io.regla.core.decide.DroolsEngine;
import io.regla.examples.DemoPart;
import io.regla.rules.loyalty.migration.CrmMigration;
import io.regla.rules.loyalty.migration.ExportGenerator;
import io.regla.rules.loyalty.migration.MigrationReport;
import io.regla.rules.loyalty.migration.MigrationResult;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The bank's CRM migration scaled down: a synthetic export of 10,000 members with faults of every kind,
 * migrated into a fresh H2 ledger with every check; the demo fails if a fault goes unfound or a balance class
 * differs from what the generator wrote. Leaves the report in {@code <tmp>/regla-demo/loyalty-migration/report}.
 */
public final class LoyaltyMigrationDemo implements DemoPart {

    @Override
    public String title() {
        return "Loyalty points: the old CRM's migration of 10,000 members with injected faults";
    }

    @Override
    public void run(PrintWriter out) throws Exception {
        run(out, Path.of(System.getProperty("java.io.tmpdir"), "regla-demo", "loyalty-migration"), 10_000, 60_000);
    }

    void run(PrintWriter out, Path dir, int members, int transactions) throws Exception {
        if (Files.exists(dir)) {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        long t0 = System.nanoTime();
        ExportGenerator.Result g = new ExportGenerator().generate(dir.resolve("export"), members, transactions, 2025, true);
        out.printf("  export: %s, faults injected: %d kinds%n", g.legacy(), g.faults().size());
        try (DroolsEngine engine = Regla.builder().bundledRules().buildDrools();
             JdbcStore store = JdbcStore.h2(dir.resolve("db"), Clock.systemUTC())) {
            MigrationResult r = CrmMigration.builder(engine, store.ledger(), store.loyaltyMigration())
                    .cutover(ExportGenerator.DEFAULT_CUTOVER).build().run(dir.resolve("export"));
            MigrationReport.write(dir.resolve("report"), r, store.loyaltyMigration());
            out.print(r.summary().indent(2));
            if (!r.rejects().equals(g.expectedRejects()) || !r.balanceCounts().equals(g.expectedBalances()) || !r.complete()) {
                throw new IllegalStateException("the migration did not find what was injected: rejects " + r.rejects() + " expected "
                        + g.expectedRejects() + "; balances " + r.balanceCounts() + " expected " + g.expectedBalances());
            }
            out.printf("  every injected fault found; report in %s (%.1f s)%n", dir.resolve("report"), (System.nanoTime() - t0) / 1e9);
        }
    }
}
