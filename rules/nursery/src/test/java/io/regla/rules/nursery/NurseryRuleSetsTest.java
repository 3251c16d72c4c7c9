package io.regla.rules.nursery;

import io.regla.core.testing.RuleSetModuleTests;

import java.util.List;
import java.util.Map;

class NurseryRuleSetsTest extends RuleSetModuleTests {
    @Override
    protected List<String> ruleSets() {
        return List.of("scheduling", "mailing");
    }

    /**
     * Mutation score not yet raised to 90 % (issue 14): see {@code regla mutate --rule-set scheduling}. mailing 1.0.0 and
     * 1.1.0 are at 100 % and 99.2 % with every mutant and are held to the bar.
     * Floor 0: the check reports these versions' survivors (PENDING) without failing until their scenarios are raised.
     */
    @Override
    protected Map<String, Double> pendingMutationScores() {
        // mailing 1.2.0 inherits 1.1.0's reminder, audience and welcome rules, but the scenarios that kill their mutants are
        // pinned to 1.0.0/1.1.0: 70 % on the sample until they also run against 1.2.0
        return Map.of("scheduling 1.0.0", 0.0, "scheduling 1.1.0", 0.0, "mailing 1.2.0", 0.0);
    }
}
