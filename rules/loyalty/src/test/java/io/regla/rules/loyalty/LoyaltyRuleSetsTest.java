package io.regla.rules.loyalty;

import io.regla.core.testing.RuleSetModuleTests;

import java.util.List;
import java.util.Map;

class LoyaltyRuleSetsTest extends RuleSetModuleTests {
    @Override
    protected List<String> ruleSets() {
        return List.of("loyalty");
    }

    /**
     * Mutation score not yet raised to 90 % (issue 14): with every mutant loyalty 1.0.0 scored 76.7 % (165 killed of 215)
     * and 1.1.0 66.5 % (143 of 215); see {@code regla mutate --rule-set loyalty} for the survivors.
     * Floor 0: the check reports these versions' survivors (PENDING) without failing until their scenarios are raised.
     */
    @Override
    protected Map<String, Double> pendingMutationScores() {
        return Map.of("loyalty 1.0.0", 0.0, "loyalty 1.1.0", 0.0);
    }
}
