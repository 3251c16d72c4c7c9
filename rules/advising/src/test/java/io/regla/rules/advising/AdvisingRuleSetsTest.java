package io.regla.rules.advising;

import io.regla.core.testing.RuleSetModuleTests;

import java.util.List;

class AdvisingRuleSetsTest extends RuleSetModuleTests {
    @Override
    protected List<String> ruleSets() {
        return List.of("advising");
    }
}
