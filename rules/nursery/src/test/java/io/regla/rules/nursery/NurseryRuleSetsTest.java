package io.regla.rules.nursery;

import io.regla.core.testing.RuleSetModuleTests;

import java.util.List;

class NurseryRuleSetsTest extends RuleSetModuleTests {
    @Override
    protected List<String> ruleSets() {
        return List.of("scheduling", "mailing");
    }
}
