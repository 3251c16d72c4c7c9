package io.regla.cli;

import io.regla.api.RuleSetNotFoundException;
import io.regla.api.Version;
import io.regla.core.decide.DroolsEngine;
import io.regla.core.mutation.MutationReport;
import io.regla.core.mutation.MutationScore;
import io.regla.core.mutation.MutationTester;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code regla mutate --rule-set <id>}: mutation testing of a rule set's scenarios. */
@Command(name = "mutate", description = {
        "Mutation testing: would the scenarios notice if a rule were wrong? Makes small changes to the rules (negated or",
        "dropped constraints, swapped operators, numbers +-1 and x2, removed rules, dropped not/exists, changed codes and",
        "template names, changed or dropped table rows), runs the scenarios on each, and prints per rule the mutants,",
        "killed, survived (each survivor as a one-line diff) and the score; last line 'mutation score: NN.N%% (K killed of M)'.",
        "Reviewed equivalent mutants: <rule-set>/equivalent-mutants/<version>.yaml, entries {mutant, reason}."})
final class MutateCommand implements Callable<Integer> {

    @Option(names = "--rule-set", required = true, paramLabel = "ID", description = "the rule set to mutate")
    String ruleSet;

    @Option(names = "--version", paramLabel = "V", description = "only this version (default: every version)")
    String version;

    @Option(names = "--scenarios", paramLabel = "DIR",
            description = "scenario files or folders (default: <rule-set>/scenarios beside the version folders); repeatable")
    List<Path> scenarios = new ArrayList<>();

    @Option(names = "--report", paramLabel = "DIR", description = "also write mutation.txt and mutation.json there")
    Path report;

    @Option(names = "--format", paramLabel = "text|json", description = "output format (default text)")
    String format = "text";

    @Option(names = "--min-score", paramLabel = "P", description = "exit 1 when the score (percent) is below P")
    Double minScore;

    @Option(names = "--threads", paramLabel = "N", description = "mutants run at once (default: available processors)")
    Integer threads;

    @Mixin
    EngineOptions engineOptions;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (!format.equals("text") && !format.equals("json")) throw new CliException("--format: expected text or json, got '" + format + "'");
        for (Path p : scenarios) {
            if (!Files.exists(p)) throw new CliException("--scenarios " + p + ": no such file or folder");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (DroolsEngine engine = engineOptions.engine()) {
            if (!engine.registry().ruleSets().contains(ruleSet)) {
                throw new CliException("unknown rule set '" + ruleSet + "'; known: " + String.join(", ", engine.registry().ruleSets()));
            }
            MutationTester.Builder b = MutationTester.builder(engine).scenarios(scenarios);
            if (threads != null) b.threads(threads);
            MutationTester tester = b.build();
            MutationReport result;
            try {
                if (version != null) {
                    Version v;
                    try {
                        v = Version.parse(version);
                    } catch (IllegalArgumentException e) {
                        throw new CliException("--version: " + e.getMessage());
                    }
                    MutationScore one = tester.run(ruleSet, v);
                    result = new MutationReport(List.of(one));
                } else {
                    result = tester.run(ruleSet);
                }
            } catch (RuleSetNotFoundException | io.regla.core.scenario.ScenarioFormatException e) {
                throw new CliException(e.getMessage());
            } catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage()); // a malformed allow-list or scenario path, named in the message
            }
            out.print(format.equals("json") ? result.json() + "\n" : result.text());
            if (report != null) write(result);
            out.flush();
            return minScore != null && result.score() < minScore ? ReglaCli.FAILED : ReglaCli.OK;
        }
    }

    private void write(MutationReport result) {
        try {
            Files.createDirectories(report);
            Files.writeString(report.resolve("mutation.txt"), result.text());
            Files.writeString(report.resolve("mutation.json"), result.json());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + report, e);
        }
    }
}
