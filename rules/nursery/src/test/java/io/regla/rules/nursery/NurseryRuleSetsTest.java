package io.regla.rules.nursery;

import io.regla.core.testing.RuleSetModuleTests;

import java.util.List;

/**
 * The nursery's rule sets ({@code scheduling}, {@code mailing}): every version compiles, every scenario passes, every
 * rule is covered, and every version's scenarios kill at least 90 % of its mutants (issue 14; reviewed equivalent
 * mutants in {@code <rule-set>/equivalent-mutants/<version>.yaml}).
 */
class NurseryRuleSetsTest extends RuleSetModuleTests {
    @Override
    protected List<String> ruleSets() {
        return List.of("scheduling", "mailing");
    }
}
