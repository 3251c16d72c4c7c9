package io.regla.examples.loyalty;

import io.regla.cli.CliException;
import io.regla.rules.loyalty.migration.ExportGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code regla loyalty generate}: a synthetic export of the old CRM, streamed to disk. */
@Command(name = "generate", description = "Write a synthetic legacy CRM export (members.csv, transactions.csv, refunds.csv, redemptions.csv).")
final class LoyaltyGenerateCommand implements Callable<Integer> {

    @Option(names = "--members", required = true, paramLabel = "<n>", description = "Members to write.")
    long members;

    @Option(names = "--transactions", required = true, paramLabel = "<m>", description = "Card transactions to write (refunds and redemptions follow at realistic ratios).")
    long transactions;

    @Option(names = "--out", required = true, paramLabel = "<dir>", description = "Folder to write the export to.")
    Path out;

    @Option(names = "--seed", paramLabel = "<s>", description = "Random seed (default ${DEFAULT-VALUE}): the same seed writes the same export.")
    long seed = 1;

    @Option(names = "--faults", description = "Inject faults of every kind the migration checks (one member in a hundred).")
    boolean faults;

    @Option(names = "--order", paramLabel = "member|time", description = "Order of transactions.csv, refunds.csv and redemptions.csv: "
            + "member (default: grouped by member, ids prefixed by the member's) or time (as a core-banking CRM exports them: by "
            + "posted_at, refunded_at, requested_at, with ids numbered in time order). members.csv is by member id in both.")
    String order = "member";

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (members < 1 || transactions < 0) throw new CliException("--members must be at least 1 and --transactions not negative");
        ExportGenerator.Order sorted;
        try {
            sorted = ExportGenerator.Order.parse(order);
        } catch (IllegalArgumentException e) {
            throw new CliException("--order " + order + ": not member or time");
        }
        PrintWriter w = spec.commandLine().getOut();
        long t0 = System.nanoTime();
        try {
            ExportGenerator.Result r = new ExportGenerator().generate(out, members, transactions, seed, faults, sorted);
            w.printf("Export escrito en %s en %.1f s (orden: %s): %s%n", out, (System.nanoTime() - t0) / 1e9,
                    sorted == ExportGenerator.Order.TIME ? "por fecha" : "por socio", r.legacy());
            if (faults) {
                w.printf("  fallas inyectadas: %s%n", r.faults());
                w.printf("  rechazos esperados: %s%n", r.expectedRejects());
                w.printf("  saldos esperados: %s%n", r.expectedBalances());
            }
            w.flush();
            return 0;
        } catch (IOException e) {
            throw new CliException("--out " + out + ": " + e.getMessage());
        }
    }
}
