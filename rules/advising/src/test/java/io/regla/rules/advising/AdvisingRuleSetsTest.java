package io.regla.rules.advising;

import io.regla.core.testing.RuleSetModuleTests;

import java.util.List;
import java.util.Map;

class AdvisingRuleSetsTest extends RuleSetModuleTests {
    @Override
    protected List<String> ruleSets() {
        return List.of("advising");
    }

    /**
     * Mutation score still below 90 % (issue 14): advising 1.0.0 scored 73.2 % (156 killed of 213) with every mutant;
     * the survivors are mostly faculty-routes.csv rows no scenario routes to, and dropped {@code faculty != "*"} guards.
     * Floor 0: the check reports these versions' survivors (PENDING) without failing until their scenarios are raised.
     */
    @Override
    protected Map<String, Double> pendingMutationScores() {
        return Map.of("advising 1.0.0", 0.0);
    }
}
