package io.regla.rules.service;

import io.regla.core.testing.RuleSetModuleTests;

import java.util.List;
import java.util.Map;

/** The `service` rule set: every version compiles, every scenario passes, every rule is covered. */
class ServiceRuleSetsTest extends RuleSetModuleTests {
    @Override
    protected List<String> ruleSets() {
        return List.of("service");
    }

    /**
     * Mutation score not yet raised to 90 % (issue 14): on the build's sample service 1.0.0 scored 75 % (30 killed of 40);
     * survivors: the ESCALADA literals of customer-interested / customer-not-interested and the Chat and Teléfono rows of
     * first-response-thresholds.csv. Floor 0: reported as PENDING until its scenarios are raised.
     */
    @Override
    protected Map<String, Double> pendingMutationScores() {
        return Map.of("service 1.0.0", 0.0);
    }
}
