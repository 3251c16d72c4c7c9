package io.regla.rules.loyalty;

import io.regla.core.testing.RuleSetModuleTests;

import java.util.List;

class LoyaltyRuleSetsTest extends RuleSetModuleTests {
    @Override
    protected List<String> ruleSets() {
        return List.of("loyalty");
    }
}
