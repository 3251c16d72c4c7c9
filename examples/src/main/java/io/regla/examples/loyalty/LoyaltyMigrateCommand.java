package io.regla.examples.loyalty;

import io.regla.adapters.store.jdbc.DeferredLedgerIndexes;
import io.regla.adapters.store.jdbc.JdbcStore;
import io.regla.cli.CliException;
import io.regla.core.Regla;
import io.regla.core.decide.DroolsEngine;
import io.regla.rules.loyalty.migration.CrmMigration;
import io.regla.rules.loyalty.migration.MigrationReport;
import io.regla.rules.loyalty.migration.MigrationResult;
import io.regla.rules.loyalty.migration.UnreadableExportException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code regla loyalty migrate}: the old CRM's export into the ledger, checked before, during and after.
 * Exit 0 when it completed (drifts are findings, not failures), 2 when the export cannot be read.
 */
@Command(name = "migrate", description = "Migrate a legacy CRM export into the points ledger: quality checks and control totals before, "
        + "streamed resumable batches with rejects during, completeness and balance verification after.")
final class LoyaltyMigrateCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(LoyaltyMigrateCommand.class);

    @Option(names = "--from", required = true, paramLabel = "<dir>", description = "The export's folder (members.csv, transactions.csv, refunds.csv, redemptions.csv).")
    Path from;

    @Mixin
    LoyaltyStoreOptions store = new LoyaltyStoreOptions();

    @Option(names = "--cutover", paramLabel = "<instant>", description = "The CRM's cut-over instant, e.g. 2025-12-01T00:00:00-03:00 (default: the export's latest event).")
    String cutover;

    @Option(names = "--report", paramLabel = "<dir>", description = "Write report.html, reconciliation.json and rejects.csv here.")
    Path report;

    @Option(names = "--batch", paramLabel = "<n>", description = "Rows per committed batch and events per engine call (default ${DEFAULT-VALUE}).")
    int batch = 2000;

    @Option(names = "--threads", paramLabel = "<n>", description = "Threads that read and decide chunks of members side by side"
            + " (default: one per two cores, at most 4; one migration thread already keeps two cores busy with the"
            + " collector and the database writer). The ledger does not depend on it.")
    Integer threads;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        OffsetDateTime at = parse(cutover);
        if (!Files.isDirectory(from)) throw new CliException("--from " + from + ": no such folder");
        if (threads != null && threads < 1) throw new CliException("--threads: " + threads + " is not a positive number");
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (DroolsEngine engine = Regla.builder().bundledRules().buildDrools();
             JdbcStore store = this.store.open()) {
            List<String> left = DeferredLedgerIndexes.of(store).leftByUnfinishedMigration();
            if (!left.isEmpty()) {
                err.println(UnfinishedMigrationNotice.line(left) + "; this run builds it again when its replay ends"
                        + " (a member index of the migration's tables: when its load ends)");
                err.flush();
            }
            UnfinishedMigrationNotice.printCache(store, err);
            MigrationResult r = run(engine, store, at, err);
            out.print(r.summary());
            if (report != null) {
                MigrationReport.write(report, r, store.loyaltyMigration());
                out.printf("  informe: %s (report.html, reconciliation.json, rejects.csv)%n", report);
            }
            out.flush();
            return 0;
        } catch (UnreadableExportException e) {
            throw new CliException("unreadable export: " + e.getMessage());
        }
    }

    /** The migration; when it fails, the line that says what it left dropped, then its error. */
    private MigrationResult run(DroolsEngine engine, JdbcStore store, OffsetDateTime at, PrintWriter err) {
        try {
            return CrmMigration.builder(engine, store.ledger(), store.loyaltyMigration()).batchSize(batch).cutover(at)
                    .threads(threads == null ? CrmMigration.defaultThreads() : threads).log(LOG::debug).build().run(from);
        } catch (RuntimeException | Error e) {
            try {
                UnfinishedMigrationNotice.printIndexes(store, err); // the run's end put H2's cache back: only indexes can be left
            } catch (RuntimeException notice) {
                e.addSuppressed(notice); // the migration's failure is what to report
            }
            throw e;
        }
    }

    private static OffsetDateTime parse(String text) {
        if (text == null) return null;
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            throw new CliException("--cutover: '" + text + "' is not an instant with offset such as 2025-12-01T00:00:00-03:00");
        }
    }
}
