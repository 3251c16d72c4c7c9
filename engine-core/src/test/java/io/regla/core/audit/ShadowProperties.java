package io.regla.core.audit;

import io.regla.api.DecideOptions;
import io.regla.core.Regla;
import io.regla.core.TestRules;
import io.regla.core.decide.DroolsEngine;
import io.regla.core.testmodel.Person;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Shadow mode never changes what the caller gets: the decision with a shadow equals the decision without. */
class ShadowProperties {

    private static DroolsEngine engine;

    @BeforeContainer
    static void start() {
        engine = Regla.builder().rulesDirectory(TestRules.dir()).decisionLog(new MemoryDecisionLog()).buildDrools();
    }

    @AfterContainer
    static void stop() {
        engine.close();
    }

    @Provide
    Arbitrary<List<Person>> people() {
        return Combinators.combine(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(5), Arbitraries.integers().between(0, 80),
                        Arbitraries.of(LocalDate.of(2001, 7, 2), null), Arbitraries.of(Person.Tier.values()))
                .as((n, age, b, t) -> new Person("P" + n, n, age, b, t)).list().ofMaxSize(4);
    }

    @Property(tries = 80)
    void theCallerGetsTheServingDecisionOnly(@ForAll("people") List<Person> facts, @ForAll boolean pinned,
                                             @ForAll("candidates") String candidate) {
        DecideOptions plain = DecideOptions.builder().version(pinned ? "1.0.0" : null).asOf(Instant.parse("2026-07-02T12:00:00Z")).build();
        assertThat(engine.decide("greeting", facts, plain.toBuilder().shadow(candidate).build()))
                .isEqualTo(engine.decide("greeting", facts, plain));
    }

    @Provide
    Arbitrary<String> candidates() {
        return Arbitraries.of("1.0.0", "1.1.0", "9.9.9");
    }
}
