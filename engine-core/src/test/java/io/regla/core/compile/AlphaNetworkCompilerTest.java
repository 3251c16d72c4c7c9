package io.regla.core.compile;

import io.regla.api.DecideOptions;
import io.regla.api.Decision;
import io.regla.api.RulesEngine;
import io.regla.core.Regla;
import io.regla.core.TestRules;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code alphaNetworkCompiler(true)} changes how constraints run, never what is decided. */
class AlphaNetworkCompilerTest {

    @Test
    void decidesLikeTheInterpretedNetwork() {
        try (RulesEngine anc = Regla.builder().rulesDirectory(TestRules.dir()).alphaNetworkCompiler(true).build();
             RulesEngine plain = Regla.builder().rulesDirectory(TestRules.dir()).build()) {
            for (String ruleSet : List.of("greeting", "discount")) {
                for (Instant at : List.of(PrecompiledPackagesTest.MARCH, PrecompiledPackagesTest.JULY)) {
                    Decision a = anc.decide(ruleSet, PrecompiledPackagesTest.PEOPLE, DecideOptions.at(at));
                    Decision p = plain.decide(ruleSet, PrecompiledPackagesTest.PEOPLE, DecideOptions.at(at));
                    assertThat(a.actions()).as("%s at %s", ruleSet, at).isNotEmpty().containsExactlyInAnyOrderElementsOf(p.actions());
                }
            }
        }
    }
}
