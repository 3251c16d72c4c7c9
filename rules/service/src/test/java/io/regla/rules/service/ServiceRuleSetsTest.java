package io.regla.rules.service;

import io.regla.core.testing.RuleSetModuleTests;

import java.util.List;

/** The `service` rule set: every version compiles, every scenario passes, every rule is covered, and its scenarios kill
 * every mutant (100 %, 180 of 180, issue 14). */
class ServiceRuleSetsTest extends RuleSetModuleTests {
    @Override
    protected List<String> ruleSets() {
        return List.of("service");
    }
}
