package io.regla.core.compile;

import io.regla.api.DecideOptions;
import io.regla.api.RulesEngine;
import io.regla.core.Regla;
import io.regla.core.TestRules;
import io.regla.core.decide.DroolsEngine;
import io.regla.core.testmodel.Greet;
import io.regla.core.testmodel.Person;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The background Drools warm-up: it finishes whether or not it is given an artifact, loads a real artifact into a
 * throwaway KieBase and refuses anything else, and an engine built with it loads nothing before the first call.
 */
class DroolsWarmUpTest {

    @TempDir
    Path tmp;

    private Path precompiled() {
        return TestRules.precompiledCopyTo(tmp);
    }

    @Test
    void finishesWithoutAnArtifactAndWithOne() {
        DroolsWarmUp none = DroolsWarmUp.startNow(getClass().getClassLoader());
        none.sample(null);
        DroolsWarmUp.await(none);
        assertThat(none.finished()).isTrue();
        DroolsWarmUp.await(null);
        // after the first in a JVM, a warm-up has nothing to do and nothing waits for it
        DroolsWarmUp.start(getClass().getClassLoader());
        DroolsWarmUp later = DroolsWarmUp.start(getClass().getClassLoader());
        assertThat(later.finished()).isTrue();

        Path artifact = PrecompiledPackages.location(precompiled().resolve("greeting/1.0.0"));
        DroolsWarmUp one = DroolsWarmUp.startNow(getClass().getClassLoader());
        one.sample(artifact);
        one.sample(Path.of("ignored: the first call counts"));
        DroolsWarmUp.await(one);
        assertThat(one.finished()).isTrue();
    }

    @Test
    void aThrowawayLoadTakesOnlyARealArtifact() throws Exception {
        Path rules = precompiled();
        assertThat(PrecompiledPackages.loadThrowaway(PrecompiledPackages.location(rules.resolve("greeting/1.1.0")), getClass().getClassLoader())).isTrue();
        Path garbage = Files.writeString(tmp.resolve("garbage.bin"), "not an artifact");
        assertThat(PrecompiledPackages.loadThrowaway(garbage, getClass().getClassLoader())).isFalse();
        assertThat(PrecompiledPackages.loadThrowaway(tmp.resolve("missing.bin"), getClass().getClassLoader())).isFalse();
    }

    @Test
    void anEngineLoadsNothingBeforeItsFirstCallAndThenDecidesAsWithoutTheWarmUp() {
        Path rules = precompiled();
        Instant july = Instant.parse("2026-07-02T12:00:00Z");
        List<Person> people = List.of(new Person("P1", "Ana", 30, LocalDate.of(1996, 3, 2), Person.Tier.GOLD));
        try (DroolsEngine engine = Regla.builder().rulesDirectory(rules).buildDrools();
             RulesEngine fromDrl = Regla.builder().rulesDirectory(rules).precompiled(false).build()) {
            assertThat(engine.versionRegistry().compiler().compilations()).isZero();
            List<String> warm = engine.decide("greeting", people, DecideOptions.at(july)).actions(Greet.class).stream().map(Greet::text).toList();
            List<String> drl = fromDrl.decide("greeting", people, DecideOptions.at(july)).actions(Greet.class).stream().map(Greet::text).toList();
            assertThat(warm).isNotEmpty().isEqualTo(drl);
            assertThat(engine.versionRegistry().compiler().compilations()).isEqualTo(1);
        }
    }
}
