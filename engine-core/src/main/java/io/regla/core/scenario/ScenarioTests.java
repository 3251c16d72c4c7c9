package io.regla.core.scenario;

import io.regla.core.decide.DroolsEngine;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.AssertionFailedError;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Scenario files as JUnit 5 dynamic tests, one per scenario, named after file and scenario:
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicNode> scenarios() {
 *     return ScenarioTests.of(Regla.builder().bundledRules().buildDrools(), Path.of("."))
 *             .requireFullCoverage(true).tests();
 * }
 * }</pre>
 * A last test reports rule coverage (and fails on unfired rules when full coverage is required).
 */
public final class ScenarioTests {

    private final ScenarioRunner runner;
    private final List<Path> roots;
    private boolean requireFullCoverage;

    private ScenarioTests(DroolsEngine engine, List<Path> roots) {
        this.runner = new ScenarioRunner(engine);
        this.roots = roots;
    }

    public static ScenarioTests of(DroolsEngine engine, Path... roots) {
        return new ScenarioTests(engine, List.of(roots));
    }

    /** Fail the coverage test when a rule of a rule set that has scenarios was never fired. */
    public ScenarioTests requireFullCoverage(boolean require) {
        this.requireFullCoverage = require;
        return this;
    }

    public Stream<DynamicNode> tests() {
        List<DynamicNode> nodes = new ArrayList<>();
        Set<String> ruleSets = new LinkedHashSet<>();
        for (Path file : ScenarioParser.find(roots)) {
            List<Scenario> scenarios;
            try {
                scenarios = ScenarioParser.parse(file);
            } catch (ScenarioFormatException e) {
                nodes.add(DynamicTest.dynamicTest(file.toString(), () -> {
                    throw new AssertionFailedError(e.getMessage());
                }));
                continue;
            }
            // Flat and without a file URI as test source: Maven Surefire reports dynamic tests with either
            // under one collapsed entry, and then a failing scenario does not fail the build.
            for (Scenario s : scenarios) {
                ruleSets.add(s.ruleSet());
                nodes.add(DynamicTest.dynamicTest(file.getFileName() + ": " + s.name(), () -> {
                    ScenarioResult r = runner.run(s);
                    if (!r.passed()) throw new AssertionFailedError(r.report());
                }));
            }
        }
        nodes.add(DynamicTest.dynamicTest("rule coverage", () -> {
            List<Coverage.Unfired> unfired = runner.coverage().unfired(runner.engine().registry(), ruleSets);
            String text = Coverage.format(unfired);
            System.out.print(text);
            if (requireFullCoverage && unfired.stream().anyMatch(u -> !u.unfired().isEmpty())) {
                throw new AssertionFailedError("rules no scenario fired:\n" + text);
            }
        }));
        return nodes.stream();
    }
}
