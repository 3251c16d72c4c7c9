package io.regla.rules.quality;

import io.regla.core.testing.RuleSetModuleTests;

import java.util.List;

/**
 * The bundled {@code quality} rule set held to the same bar as every rules module: every version compiles, every
 * scenario of quality/scenarios/ passes with full rule coverage, and each version's scenarios kill at least 90 % of
 * its mutants (issue 14).
 */
class QualityRuleSetsTest extends RuleSetModuleTests {
    @Override
    protected List<String> ruleSets() {
        return List.of("quality");
    }
}
