package io.regla.cli.quality;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.regla.cli.CliException;
import io.regla.core.facts.Json;
import io.regla.rules.quality.contract.Contracts;
import io.regla.rules.quality.reconcile.DatasetDiff;
import io.regla.rules.quality.reconcile.ReconcileResult;
import io.regla.rules.quality.reconcile.Reconciler;
import io.regla.rules.quality.source.Sources;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code regla quality reconcile <contracts-folder> --source DIR|JDBC --target DIR|JDBC}. */
@Command(name = "reconcile", description = "Compare a source with a target per dataset: record counts, sums of numeric "
        + "fields, and keys missing, extra or changed (checksums over key segments, bisected where they differ). "
        + "Exit 0 when the target holds exactly the source, 1 otherwise, 2 for bad input.")
final class QualityReconcileCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "<contracts-folder>", description = "Folder with <dataset>.contract.yaml files.")
    Path folder;

    @Option(names = "--source", paramLabel = "DIR|JDBC", description = "A folder of CSV files or a jdbc: URL whose "
            + "tables are named after the datasets (default: each contract's own source).")
    String source;

    @Option(names = "--target", required = true, paramLabel = "DIR|JDBC", description = "A folder of CSV files or a jdbc: URL "
            + "(credentials in the URL, or --user and --password-env).")
    String target;

    @Option(names = "--data", paramLabel = "DIR", description = "Folder the contracts' CSV sources are relative to, when --source is not given.")
    Path data;

    @Option(names = "--user", description = "Database user for jdbc: URLs.")
    String user;

    @Option(names = "--password-env", paramLabel = "VAR", description = "Environment variable holding the password for jdbc: URLs.")
    String passwordEnv;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json", description = "Output format (default ${DEFAULT-VALUE}).")
    String format;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!format.equals("text") && !format.equals("json")) throw new CliException("--format: text or json, not '" + format + "'");
        Contracts contracts = Contracts.load(folder);
        String password = passwordEnv == null ? null : System.getenv(passwordEnv);
        Sources src = source == null ? Sources.asContracted(data != null ? data : folder) : Sources.parse(source, user, password);
        Sources tgt = Sources.parse(target, user, password);
        ReconcileResult result = new Reconciler(contracts, src, tgt).run();
        PrintWriter out = spec.commandLine().getOut();
        if (format.equals("json")) {
            out.println(Json.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result.toJson()));
        } else {
            for (DatasetDiff d : result.datasets()) {
                out.printf("%s: source %d records, target %d records: %s%n", d.dataset(), d.sourceRecords(), d.targetRecords(),
                        d.identical() ? "identical" : d.missing().size() + " missing, " + d.extra().size() + " extra, "
                                + d.changed().size() + " changed");
                d.sourceSums().forEach((f, s) -> out.printf("  sum %-20s source %s, target %s%n", f, s.toPlainString(),
                        d.targetSums().get(f).toPlainString()));
                d.missing().stream().limit(20).forEach(k -> out.printf("  missing %s%n", k));
                d.extra().stream().limit(20).forEach(k -> out.printf("  extra   %s%n", k));
                d.changed().stream().limit(20).forEach(c -> out.printf("  changed %s %s%n", c.key(), c.fields()));
            }
        }
        out.flush();
        return result.exitCode();
    }
}
