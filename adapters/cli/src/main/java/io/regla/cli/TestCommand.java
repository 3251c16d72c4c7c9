package io.regla.cli;

import io.regla.core.decide.DroolsEngine;
import io.regla.core.scenario.Coverage;
import io.regla.core.scenario.Scenario;
import io.regla.core.scenario.ScenarioFormatException;
import io.regla.core.scenario.ScenarioParser;
import io.regla.core.scenario.ScenarioResult;
import io.regla.core.scenario.ScenarioRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code regla test <paths...>}: runs scenario files and ends with "N passed, M failed". */
@Command(name = "test", description = {
        "Run scenario files (YAML with a 'scenario' key) found in the given files and folders, recursively.",
        "Prints each failure with what was expected, what was emitted and the trace; ends with 'N passed, M failed'."})
final class TestCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "scenario files or folders")
    List<Path> paths;

    @Mixin
    EngineOptions engineOptions;

    @Option(names = "--coverage", description = "Print, per rule set version, the rules no scenario fired.")
    boolean coverage;

    @Option(names = "--verbose-pass", description = "Also print a line per passing scenario.")
    boolean listPassed;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<Path> files = ScenarioParser.find(paths);
        if (files.isEmpty()) throw new CliException("no scenario files (YAML with a 'scenario' key) in " + paths);
        int passed = 0;
        int failed = 0;
        Set<String> ruleSets = new LinkedHashSet<>();
        try (DroolsEngine engine = engineOptions.engine()) {
            ScenarioRunner runner = new ScenarioRunner(engine);
            for (Path file : files) {
                List<Scenario> scenarios;
                try {
                    scenarios = ScenarioParser.parse(file);
                } catch (ScenarioFormatException e) {
                    out.println("FAILED  " + e.getMessage());
                    failed++;
                    continue;
                }
                for (Scenario s : scenarios) {
                    ruleSets.add(s.ruleSet());
                    ScenarioResult r = runner.run(s);
                    if (r.passed()) {
                        passed++;
                        if (listPassed) out.print(r.report());
                    } else {
                        failed++;
                        out.print(r.report());
                    }
                }
            }
            if (coverage) out.print(Coverage.format(runner.coverage().unfired(engine.registry(), ruleSets)));
        }
        out.println(passed + " passed, " + failed + " failed");
        out.flush();
        return failed == 0 ? ReglaCli.OK : ReglaCli.FAILED;
    }
}
