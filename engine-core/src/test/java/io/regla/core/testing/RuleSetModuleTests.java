package io.regla.core.testing;

import io.regla.api.RuleSetInfo;
import io.regla.api.RulesEngine;
import io.regla.core.Regla;
import io.regla.core.decide.DroolsEngine;
import io.regla.core.scenario.ScenarioTests;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tests every {@code rules/<domain>} module runs over its own rule-set folders (surefire runs in the module
 * directory): every version compiles, every scenario file passes (one test each), and full rule coverage over every
 * version (a rule no scenario fires fails the build). A module extends this and names its rule sets.
 */
public abstract class RuleSetModuleTests {

    private static final Path MODULE = Path.of("");

    /** One engine over the module's folders, shared by the module's other tests. */
    public static RulesEngine moduleEngine() {
        return Shared.ENGINE;
    }

    /** The rule set ids this module must hold. */
    protected abstract List<String> ruleSets();

    @Test
    void everyVersionCompiles() {
        try (RulesEngine engine = Regla.builder().rulesDirectory(MODULE).build()) {
            assertThat(engine.registry().ruleSets()).containsAll(ruleSets());
            for (String id : engine.registry().ruleSets()) {
                for (RuleSetInfo v : engine.registry().versions(id)) {
                    assertThat(engine.registry().compile(id, v.version()).state()).as(v.label())
                            .isEqualTo(RuleSetInfo.State.COMPILED);
                }
            }
        }
    }

    @TestFactory
    Stream<DynamicNode> scenarios() {
        return ScenarioTests.of(Regla.builder().rulesDirectory(MODULE).buildDrools(), MODULE)
                .requireFullCoverage(true).tests();
    }

    @Test
    void everyRuleSetHasScenarios() {
        try (DroolsEngine engine = Regla.builder().rulesDirectory(MODULE).buildDrools()) {
            assertThat(engine.registry().ruleSets()).isNotEmpty().allSatisfy(id ->
                    assertThat(Files.isDirectory(MODULE.resolve(id).resolve("scenarios")))
                            .as("%s/scenarios exists", id).isTrue());
        }
    }

    private static final class Shared {
        static final RulesEngine ENGINE = Regla.builder().rulesDirectory(MODULE).build();
    }
}
