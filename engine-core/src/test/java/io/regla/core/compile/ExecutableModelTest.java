package io.regla.core.compile;

import io.regla.api.CompilationException;
import io.regla.api.DecideOptions;
import io.regla.api.Decision;
import io.regla.core.Regla;
import io.regla.core.TestRules;
import io.regla.core.decide.DroolsEngine;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.junit.jupiter.api.Test;
import org.kie.api.KieBase;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code executableModel(ruleSet)}: that rule set runs on Drools' executable model, decides the same, the others are untouched. */
class ExecutableModelTest {

    @Test
    void theRuleSetOptedInRunsOnTheExecutableModelAndDecidesTheSame() {
        try (DroolsEngine exec = Regla.builder().rulesDirectory(TestRules.dir()).executableModel("greeting").buildDrools();
             DroolsEngine classic = Regla.builder().rulesDirectory(TestRules.dir()).buildDrools()) {
            for (Instant at : new Instant[]{PrecompiledPackagesTest.MARCH, PrecompiledPackagesTest.JULY}) {
                Decision e = exec.decide("greeting", PrecompiledPackagesTest.PEOPLE, DecideOptions.at(at));
                Decision c = classic.decide("greeting", PrecompiledPackagesTest.PEOPLE, DecideOptions.at(at));
                assertThat(e.actions()).as("at %s", at).isNotEmpty().containsExactlyInAnyOrderElementsOf(c.actions());
                assertThat(e.trace().firings()).hasSameSizeAs(c.trace().firings());
            }
            assertThat(lambdaConsequences(exec, "greeting", PrecompiledPackagesTest.MARCH)).isTrue();
            assertThat(lambdaConsequences(classic, "greeting", PrecompiledPackagesTest.MARCH)).isFalse();
            // a rule set not named keeps the classic build
            exec.decide("discount", PrecompiledPackagesTest.PEOPLE, DecideOptions.at(PrecompiledPackagesTest.MARCH));
            assertThat(lambdaConsequences(exec, "discount", PrecompiledPackagesTest.MARCH)).isFalse();
        }
    }

    @Test
    void aRuleSetWithADecisionTableIsRefusedNamingTheTable() {
        try (DroolsEngine exec = Regla.builder().rulesDirectory(TestRules.dir()).executableModel("discount").buildDrools()) {
            assertThatThrownBy(() -> exec.decide("discount", PrecompiledPackagesTest.PEOPLE, DecideOptions.at(PrecompiledPackagesTest.MARCH)))
                    .isInstanceOf(CompilationException.class)
                    .hasMessageContaining("age-bands.csv")
                    .hasMessageContaining("executable model is not supported for decision tables");
        }
    }

    /** The executable model's consequences are generated lambdas; the classic path's are compiled consequence classes. */
    private static boolean lambdaConsequences(DroolsEngine engine, String ruleSet, Instant at) {
        KieBase kb = engine.versionRegistry().compiledFor(ruleSet, null, at).kieBase();
        java.util.List<String> consequences = kb.getKiePackages().stream().flatMap(p -> p.getRules().stream())
                .map(r -> ((RuleImpl) r).getConsequence().getClass().getName()).toList();
        assertThat(consequences).isNotEmpty();
        return consequences.stream().allMatch(name -> name.contains("Lambda"));
    }
}
