package io.regla.rules.loyalty;

import io.regla.core.Regla;
import io.regla.core.scenario.ScenarioTests;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The migration's replay may build {@code loyalty} with Drools' executable model
 * ({@code Regla.builder().executableModel("loyalty")}, about a tenth less CPU per event): every loyalty
 * scenario of every version passes on it too, with full rule coverage. {@code BatchedReplayProperties} checks that a
 * replay on it leaves the same ledger as on the classic build.
 */
class LoyaltyExecutableModelTest {

    @TestFactory
    Stream<DynamicNode> everyScenarioPassesOnTheExecutableModel() {
        return ScenarioTests.of(Regla.builder().rulesDirectory(Path.of("")).executableModel("loyalty").buildDrools(), Path.of(""))
                .requireFullCoverage(true).tests();
    }
}
