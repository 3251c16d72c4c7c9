package io.regla.rules.advising;

import io.regla.core.Regla;
import io.regla.core.decide.DroolsEngine;
import io.regla.core.scenario.ScenarioTests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.stream.Stream;

/** Every advising scenario, one test each, and every advising rule (table rows included) fired by one. */
class AdvisingScenariosTest {

    private static DroolsEngine engine;

    @BeforeAll
    static void engine() {
        engine = Regla.builder().bundledRules().buildDrools();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @TestFactory
    Stream<DynamicNode> scenarios() {
        return ScenarioTests.of(engine, Path.of("advising")).requireFullCoverage(true).tests();
    }
}
