package io.regla.rules.loyalty.migration;

import io.regla.api.RuleSetInfo;
import io.regla.core.Regla;
import io.regla.core.decide.DroolsEngine;
import io.regla.rules.loyalty.Tier;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The plain-Java replay reads the same versions and tables as the engine (the migration's MATCH depends on it). */
class PlainRulesTest {

    @Test
    void theBundledVersionsAreTheRegistrysWithTheirDatesAndRates() {
        try (DroolsEngine engine = Regla.builder().bundledRules().buildDrools()) {
            assertThat(engine.registry().versions("loyalty")).extracting(v -> v.version().toString())
                    .containsExactlyInAnyOrderElementsOf(PlainRules.BUNDLED);
            PlainRules rules = PlainRules.bundled();
            for (RuleSetInfo v : engine.registry().versions("loyalty")) {
                // on a tie of effectiveFrom (1.0.0 and its lean 1.0.1) both pick the later version
                assertThat(rules.at(v.effectiveFrom()).version())
                        .isEqualTo(engine.registry().active("loyalty", v.effectiveFrom()).version().toString());
                assertThat(rules.at(v.effectiveFrom()).zone()).isEqualTo(v.timeZone());
            }
        }
        PlainRules rules = PlainRules.bundled();
        PlainRules.Version july = rules.at(Instant.parse("2025-07-01T03:00:00Z"));
        assertThat(july.version()).isEqualTo("1.1.1");
        assertThat(july.category("SUPERMARKET")).isEqualByComparingTo(new BigDecimal("2"));
        assertThat(july.category("TOYS")).isEqualByComparingTo(BigDecimal.ONE);
        assertThat(july.caps().get(Tier.BLACK)).isEqualTo(50_000L);
        assertThat(rules.at(Instant.parse("2025-06-30T12:00:00Z")).category("SUPERMARKET")).isEqualByComparingTo(new BigDecimal("1.5"));
    }
}
