package io.regla.cli.quality;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.regla.cli.CliException;
import io.regla.core.Regla;
import io.regla.core.decide.DroolsEngine;
import io.regla.core.facts.Json;
import io.regla.rules.quality.CheckResult;
import io.regla.rules.quality.QualityCheck;
import io.regla.rules.quality.check.DatasetResult;
import io.regla.rules.quality.contract.Contracts;
import io.regla.rules.quality.history.QualityHistory;
import io.regla.rules.quality.history.QualityRun;
import io.regla.rules.quality.report.CheckJson;
import io.regla.rules.quality.report.QualityReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code regla quality check <contracts-folder>}: built-in checks, custom rules, report, history. */
@Command(name = "check", description = "Check every dataset of a contracts folder: per dataset the records read and the "
        + "findings per check code. Exit 0 without ERROR findings, 1 with, 2 for a bad contract or unreadable input.")
final class QualityCheckCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "<contracts-folder>", description = "Folder with <dataset>.contract.yaml files "
            + "and optionally rules/<rule-set>/<version>/ with custom checks.")
    Path folder;

    @Option(names = "--data", paramLabel = "DIR", description = "Folder CSV sources are relative to (default: the contracts folder).")
    Path data;

    @Option(names = "--at", paramLabel = "T", description = "The run's instant (picks rule versions; default now), e.g. 2026-03-01T09:00:00-03:00.")
    String at;

    @Option(names = "--report", paramLabel = "DIR", description = "Write findings.csv and report.html into DIR.")
    Path report;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json", description = "Output format (default ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--record", description = "Record this run's figures in the store (see regla quality history).")
    boolean record;

    @Option(names = "--db", defaultValue = ".regla/regla", paramLabel = "FILE",
            description = "The H2 store file (without .mv.db) for --record and the report's history. Default ${DEFAULT-VALUE}.")
    Path db;

    @Option(names = "--bundled-rules", description = "Also run the bundled `quality` rule set (the contracts folder's "
            + "versions override it).")
    boolean bundledRules;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!format.equals("text") && !format.equals("json")) throw new CliException("--format: text or json, not '" + format + "'");
        Contracts contracts = Contracts.load(folder);
        Instant when = QualityCommand.instant(at, "--at");
        Path rulesDir = folder.resolve("rules");
        CheckResult result;
        try (DroolsEngine engine = engine(rulesDir)) {
            QualityCheck.Builder b = QualityCheck.builder(contracts).dataDirectory(data != null ? data : folder).at(when);
            if (engine != null) b.rules(engine, ruleSets(engine, rulesDir));
            result = b.build().run();
        }
        Map<String, List<QualityRun>> history = new LinkedHashMap<>();
        boolean haveStore = record || Files.exists(db.resolveSibling(db.getFileName() + ".mv.db"));
        if (haveStore && (record || report != null)) {
            try (QualityHistory store = QualityCommand.history(db, false)) {
                if (record) store.record(QualityHistory.runsOf(result));
                for (DatasetResult d : result.datasets()) history.put(d.dataset(), store.history(d.dataset()));
            }
        }
        if (report != null) QualityReport.write(result, history, report);
        PrintWriter out = spec.commandLine().getOut();
        if (format.equals("json")) {
            out.println(Json.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(CheckJson.of(result)));
        } else {
            text(out, result);
        }
        out.flush();
        return result.exitCode();
    }

    private DroolsEngine engine(Path rulesDir) {
        boolean folderRules = Files.isDirectory(rulesDir);
        if (!folderRules && !bundledRules) return null;
        Regla.Builder b = Regla.builder();
        if (bundledRules) b.bundledRules();
        if (folderRules) b.rulesDirectory(rulesDir);
        return b.buildDrools();
    }

    /** The contracts folder's rule sets, plus `quality` when the bundled one is asked for. */
    private List<String> ruleSets(DroolsEngine engine, Path rulesDir) throws java.io.IOException {
        List<String> ids = new ArrayList<>();
        if (Files.isDirectory(rulesDir)) {
            try (var s = Files.list(rulesDir)) {
                s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted()
                        .filter(id -> engine.registry().ruleSets().contains(id)).forEach(ids::add);
            }
        }
        if (bundledRules && !ids.contains("quality")) ids.add("quality");
        return ids;
    }

    private void text(PrintWriter out, CheckResult result) {
        for (DatasetResult d : result.datasets()) {
            out.printf("%s: %d records, %d findings (%d ERROR, %d WARNING)%n", d.dataset(), d.records(), d.total(),
                    d.errors(), d.warnings());
            d.findings().forEach((check, n) -> out.printf("  %-28s %8d%n", check, n));
        }
        if (report != null) out.printf("report: %s, %s%n", report.resolve(QualityReport.REPORT_HTML), report.resolve(QualityReport.FINDINGS_CSV));
        if (record) out.printf("recorded in %s%n", db);
    }
}
