package io.regla.rules;

import io.regla.api.RulesEngine;
import io.regla.core.Regla;

import java.nio.file.Path;

/** One engine over this module's rule-set folders (surefire runs in the module directory), shared by the tests. */
public final class ModuleRules {

    private static final RulesEngine ENGINE = Regla.builder().rulesDirectory(Path.of("")).build();

    private ModuleRules() {
    }

    public static RulesEngine engine() {
        return ENGINE;
    }
}
