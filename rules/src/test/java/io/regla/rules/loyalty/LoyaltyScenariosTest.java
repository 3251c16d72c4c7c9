package io.regla.rules.loyalty;

import io.regla.core.Regla;
import io.regla.core.decide.DroolsEngine;
import io.regla.core.scenario.ScenarioTests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.stream.Stream;

/** Every loyalty scenario, one test each, and full rule coverage of both versions. */
class LoyaltyScenariosTest {

    private static final DroolsEngine ENGINE = Regla.builder().rulesDirectory(Path.of("")).buildDrools();

    @AfterAll
    static void close() {
        ENGINE.close();
    }

    @TestFactory
    Stream<DynamicNode> scenarios() {
        return ScenarioTests.of(ENGINE, Path.of("loyalty")).requireFullCoverage(true).tests();
    }
}
