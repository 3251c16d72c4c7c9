package io.regla.rules.quality;

import io.regla.core.Regla;
import io.regla.core.scenario.ScenarioTests;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.stream.Stream;

/** Every scenario of the bundled {@code quality} rule set (quality/scenarios/), with full rule coverage. */
class ScenarioFilesTest {

    @TestFactory
    Stream<DynamicNode> scenarios() {
        return ScenarioTests.of(Regla.builder().rulesDirectory(Path.of("")).buildDrools(), Path.of("quality"))
                .requireFullCoverage(true).tests();
    }
}
