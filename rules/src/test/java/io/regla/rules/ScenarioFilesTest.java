package io.regla.rules;

import io.regla.core.Regla;
import io.regla.core.scenario.ScenarioTests;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.stream.Stream;

/** The scenario files of both rule sets, one test each, and full rule coverage over every version. */
class ScenarioFilesTest {

    @TestFactory
    Stream<DynamicNode> scenarios() {
        return ScenarioTests.of(Regla.builder().rulesDirectory(Path.of("")).buildDrools(),
                        Path.of("scheduling", "scenarios"), Path.of("mailing", "scenarios"))
                .requireFullCoverage(true).tests();
    }
}
