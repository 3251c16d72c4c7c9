package io.regla.core.lifecycle;

import io.regla.api.DecideOptions;
import io.regla.api.Decision;
import io.regla.api.DecisionTimeoutException;
import io.regla.api.ReglaException;
import io.regla.api.Session;
import io.regla.core.Regla;
import io.regla.core.TestRules;
import io.regla.core.compile.CompiledRuleSet;
import io.regla.core.decide.DroolsEngine;
import io.regla.core.testmodel.Greet;
import io.regla.core.testmodel.Person;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** maxFirings counts a loop only past the limit; a wall-clock budget halts a slow run. */
class FiringLimitsTest {

    static final Instant MARCH = Instant.parse("2026-03-02T12:00:00Z");
    static final Instant JULY = Instant.parse("2026-07-02T12:00:00Z");

    /** n adults: greeting 1.1.0 fires greet-adult once per adult, nothing else. */
    static List<Person> adults(int n) {
        List<Person> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(new Person("P" + i, "N" + i, 30, null, Person.Tier.BASIC));
        return out;
    }

    @Test
    void aRunThatSettlesInExactlyMaxFiringsIsNotALoop() {
        try (DroolsEngine engine = Regla.builder().rulesDirectory(TestRules.dir()).maxFirings(3).buildDrools()) {
            Decision exactly = engine.decide("greeting", adults(3), DecideOptions.at(JULY));
            assertThat(exactly.actions(Greet.class)).hasSize(3);
            assertThat(exactly.trace().firings()).hasSize(3);
            assertThatThrownBy(() -> engine.decide("greeting", adults(4), DecideOptions.at(JULY)))
                    .isInstanceOf(ReglaException.class).hasMessageContaining("greeting 1.1.0 fired more than 3 rules without settling");

            try (Session s = engine.openSession("greeting", DecideOptions.at(JULY))) {
                adults(3).forEach(s::insert);
                assertThat(s.fire().actions()).hasSize(3);
            }
            try (Session s = engine.openSession("greeting", DecideOptions.at(JULY))) {
                adults(4).forEach(s::insert);
                assertThatThrownBy(s::fire).isInstanceOf(ReglaException.class).hasMessageContaining("fired more than 3 rules in one step");
            }
        }
    }

    /** Ages a person one year per firing, 20 ms each, until 1000; then greets. */
    static Path slowLoop(Path dir) throws Exception {
        Path v = Files.createDirectories(dir.resolve("slowloop/1.0.0"));
        Files.writeString(v.resolve("ruleset.yaml"), "id: slowloop\nversion: 1.0.0\neffectiveFrom: 2026-01-01\nstrict: false\n");
        Files.writeString(v.resolve("slow.drl"), """
                package rules.slowloop;

                import io.regla.core.testmodel.Person;
                import io.regla.core.testmodel.Greet;

                rule "ages-slowly"
                when
                    $p : Person(age < 1000)
                then
                    Thread.sleep(20);
                    delete($p);
                    insert(new Person($p.id(), $p.name(), $p.age() + 1, $p.birthday(), $p.tier()));
                end

                rule "greets-the-old"
                when
                    $p : Person(age >= 1000)
                then
                    insert(new Greet($p.id(), "Hola " + $p.name()));
                end
                """);
        return dir;
    }

    @Test
    void aRunPastItsBudgetIsHaltedNamingTheRuleAndItsSessionIsNotPooledAgain(@TempDir Path tmp) throws Exception {
        try (DroolsEngine engine = Regla.builder().rulesDirectory(slowLoop(tmp)).sessionPoolSize(1).buildDrools()) {
            DecideOptions budget = DecideOptions.builder().asOf(MARCH).timeout(Duration.ofMillis(200)).build();
            List<Person> young = List.of(new Person("P1", "Ana", 0, null, null));
            CompiledRuleSet build = engine.versionRegistry().compiledFor("slowloop", null, MARCH);
            assertThat(build.liveSessions()).isEqualTo(1);

            long start = System.nanoTime();
            assertThatThrownBy(() -> engine.decide("slowloop", young, budget))
                    .isInstanceOfSatisfying(DecisionTimeoutException.class, e -> {
                        assertThat(e.ruleSet()).isEqualTo("slowloop");
                        assertThat(e.version()).hasToString("1.0.0");
                        assertThat(e.rule()).isEqualTo("ages-slowly");
                        assertThat(e.timeout()).isEqualTo(Duration.ofMillis(200));
                        assertThat(e.firings()).isBetween(1L, 999L);
                        assertThat(e.getMessage()).contains("slowloop 1.0.0 ran past its 200 ms budget while rule 'ages-slowly' was firing");
                    });
            // halted long before the 1000 firings (20 s) the run needed; generous bound for a busy machine
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            assertThat(build.liveSessions()).as("the halted run's session was disposed, not pooled").isZero();

            // the next call gets a fresh session and settles within its budget
            List<Person> almost = List.of(new Person("P2", "Eva", 997, null, null));
            Decision d = engine.decide("slowloop", almost, DecideOptions.builder().asOf(MARCH).timeout(Duration.ofSeconds(30)).build());
            assertThat(d.actions(Greet.class)).containsExactly(new Greet("P2", "Hola Eva"));
            assertThat(d.trace().firings()).extracting(f -> f.rule()).containsExactly("ages-slowly", "ages-slowly", "ages-slowly", "greets-the-old");
            assertThat(build.liveSessions()).isEqualTo(1);
            assertThat(d).isEqualTo(engine.decide("slowloop", almost, DecideOptions.at(MARCH)));
        }
    }

    @Test
    void aStatefulSessionFireHasTheSameBudget(@TempDir Path tmp) throws Exception {
        try (DroolsEngine engine = Regla.builder().rulesDirectory(slowLoop(tmp)).buildDrools();
             Session s = engine.openSession("slowloop", DecideOptions.builder().asOf(MARCH).timeout(Duration.ofMillis(150)).build())) {
            s.insert(new Person("P1", "Ana", 0, null, null));
            assertThatThrownBy(s::fire).isInstanceOfSatisfying(DecisionTimeoutException.class,
                    e -> assertThat(e.rule()).isEqualTo("ages-slowly"));
        }
    }

    @Test
    void aBudgetMustBePositive() {
        assertThatThrownBy(() -> DecideOptions.builder().timeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThat(DecideOptions.builder().timeout(Duration.ofSeconds(1)).build())
                .isNotEqualTo(DecideOptions.builder().build())
                .hasToString("DecideOptions[version=null, asOf=null, tracing=true, timeout=PT1S]");
    }
}
