package io.regla.examples;

import io.regla.api.RuleSetInfo;
import io.regla.core.Regla;
import io.regla.core.decide.DroolsEngine;
import io.regla.core.scenario.Coverage;
import io.regla.core.scenario.Scenario;
import io.regla.core.scenario.ScenarioParser;
import io.regla.core.scenario.ScenarioResult;
import io.regla.core.scenario.ScenarioRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code regla demo}: the main job on embedded defaults. Lists the bundled rule sets, runs every
 * bundled scenario (QA's simulation) with rule coverage, then the end-to-end example programs.
 */
@Command(name = "demo", description = "Run the main job on embedded defaults: bundled rule sets, their scenarios and the example programs.")
final class DemoCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        int failed;
        try (DroolsEngine engine = Regla.builder().bundledRules().buildDrools()) {
            out.println("== Bundled rule sets");
            for (String id : engine.registry().ruleSets()) {
                for (RuleSetInfo v : engine.registry().versions(id)) {
                    RuleSetInfo compiled = engine.registry().compile(id, v.version());
                    out.printf("  %-12s %-8s effective from %s  %d rules  %s%n", id, v.version(), v.effectiveFrom(),
                            engine.registry().rules(id, v.version()).size(), compiled.description());
                }
            }
            out.println("== Scenarios (QA simulation of every rule)");
            failed = runScenarios(engine, out);
        }
        for (DemoPart part : DemoPart.all()) {
            out.println("== " + part.title());
            part.run(out);
        }
        out.flush();
        return failed == 0 ? 0 : 1;
    }

    private static int runScenarios(DroolsEngine engine, PrintWriter out) {
        ScenarioRunner runner = new ScenarioRunner(engine);
        int passed = 0;
        int failed = 0;
        Set<String> ruleSets = new LinkedHashSet<>();
        for (Path file : BundledScenarios.files()) {
            for (Scenario s : ScenarioParser.parse(file)) {
                ruleSets.add(s.ruleSet());
                ScenarioResult r = runner.run(s);
                if (r.passed()) {
                    passed++;
                } else {
                    failed++;
                    out.print(r.report());
                }
            }
        }
        out.print(Coverage.format(runner.coverage().unfired(engine.registry(), ruleSets)).indent(2));
        out.println("  " + passed + " passed, " + failed + " failed");
        return failed;
    }
}
