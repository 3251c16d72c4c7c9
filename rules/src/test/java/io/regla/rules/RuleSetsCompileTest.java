package io.regla.rules;

import io.regla.api.RuleSetInfo;
import io.regla.api.RulesEngine;
import io.regla.core.Regla;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class RuleSetsCompileTest {

    @Test
    void everyBundledVersionCompiles() {
        try (RulesEngine engine = Regla.builder().rulesDirectory(Path.of("")).build()) {
            assertThat(engine.registry().ruleSets()).contains("scheduling", "mailing");
            for (String id : engine.registry().ruleSets()) {
                for (RuleSetInfo v : engine.registry().versions(id)) {
                    RuleSetInfo compiled = engine.registry().compile(id, v.version());
                    assertThat(compiled.state()).isEqualTo(RuleSetInfo.State.COMPILED);
                    System.out.println(v.label() + ": " + engine.registry().rules(id, v.version()));
                }
            }
        }
    }
}
