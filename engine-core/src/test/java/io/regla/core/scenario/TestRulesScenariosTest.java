package io.regla.core.scenario;

import io.regla.core.TestRules;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

class TestRulesScenariosTest {

    @TestFactory
    Stream<DynamicNode> scenarios() {
        return ScenarioTests.of(TestRules.engine(), TestRules.dir()).requireFullCoverage(true).tests();
    }
}
