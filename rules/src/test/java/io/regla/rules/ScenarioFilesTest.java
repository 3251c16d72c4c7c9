package io.regla.rules;

import io.regla.core.Regla;
import io.regla.core.decide.DroolsEngine;
import io.regla.core.scenario.ScenarioTests;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every scenario file of every bundled rule set (rules/&lt;rule-set&gt;/scenarios/), one test each, with
 * full rule coverage over every version: a rule no scenario fires fails the build.
 */
class ScenarioFilesTest {

    @TestFactory
    Stream<DynamicNode> scenarios() {
        return ScenarioTests.of(Regla.builder().rulesDirectory(Path.of("")).buildDrools(), Path.of(""))
                .requireFullCoverage(true).tests();
    }

    @Test
    void everyRuleSetHasScenarios() {
        try (DroolsEngine engine = Regla.builder().rulesDirectory(Path.of("")).buildDrools()) {
            assertThat(engine.registry().ruleSets()).isNotEmpty().allSatisfy(id ->
                    assertThat(Files.isDirectory(Path.of(id, "scenarios"))).as("rules/%s/scenarios exists", id).isTrue());
        }
    }
}
