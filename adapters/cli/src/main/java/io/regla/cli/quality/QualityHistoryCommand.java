package io.regla.cli.quality;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.regla.cli.CliException;
import io.regla.core.facts.Json;
import io.regla.rules.quality.history.QualityHistory;
import io.regla.rules.quality.history.QualityRun;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code regla quality history <dataset>}: the recorded runs of a dataset, oldest first, with the trend. */
@Command(name = "history", description = "Print a dataset's recorded check runs (regla quality check --record), oldest first.")
final class QualityHistoryCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "<dataset>", description = "The dataset, e.g. admissions.")
    String dataset;

    @Option(names = "--db", defaultValue = ".regla/regla", paramLabel = "FILE",
            description = "The H2 store file (without .mv.db). Default ${DEFAULT-VALUE}.")
    Path db;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json", description = "Output format (default ${DEFAULT-VALUE}).")
    String format;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!format.equals("text") && !format.equals("json")) throw new CliException("--format: text or json, not '" + format + "'");
        List<QualityRun> runs;
        try (QualityHistory store = QualityCommand.history(db, true)) {
            runs = store.history(dataset);
        }
        if (runs.isEmpty()) throw new CliException("no recorded runs for dataset '" + dataset + "' in " + db);
        PrintWriter out = spec.commandLine().getOut();
        if (format.equals("json")) {
            ObjectNode root = JsonNodeFactory.instance.objectNode();
            root.put("dataset", dataset);
            ArrayNode arr = root.putArray("runs");
            for (QualityRun r : runs) {
                ObjectNode n = arr.addObject();
                n.put("run", r.runId());
                n.put("at", r.at().toString());
                n.put("records", r.records());
                n.put("errors", r.errors());
                n.put("warnings", r.warnings());
                ObjectNode f = n.putObject("findings");
                r.findings().forEach(f::put);
            }
            out.println(Json.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root));
        } else {
            out.printf("History of %s (%d runs)%n", dataset, runs.size());
            out.printf("%-22s %10s %9s %8s %9s  %s%n", "AT", "RECORDS", "FINDINGS", "ERRORS", "PER 1000", "BY CHECK");
            QualityRun previous = null;
            for (QualityRun r : runs) {
                double rate = r.records() == 0 ? 0 : 1000.0 * r.total() / r.records();
                String trend = previous == null ? "" : r.total() < previous.total() ? " (better)" : r.total() > previous.total() ? " (worse)" : " (same)";
                out.printf(java.util.Locale.ROOT, "%-22s %10d %9d %8d %9.1f  %s%s%n", r.at(), r.records(), r.total(), r.errors(),
                        rate, r.findings(), trend);
                previous = r;
            }
        }
        out.flush();
        return 0;
    }
}
