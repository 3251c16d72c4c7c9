package io.regla.core.lifecycle;

import io.regla.api.CompilationException;
import io.regla.api.DecideOptions;
import io.regla.api.RuleSetInfo;
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
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Eager compile and warm-up; stateful sessions across a reload. */
class EngineLifecycleTest {

    static final Instant JULY = Instant.parse("2026-07-02T12:00:00Z");
    static final List<Person> ANA = List.of(new Person("P1", "Ana", 30, null, Person.Tier.GOLD));

    @Test
    void compilingEagerlyCompilesEveryVersionAtBuild(@TempDir Path tmp) throws Exception {
        Path rules = TestRules.copyTo(tmp);
        Path drl = rules.resolve("greeting/1.0.0/greeting.drl");
        Files.writeString(drl, Files.readString(drl) + "\nrule \"oops\" when Person( then end\n");
        try (DroolsEngine engine = Regla.builder().rulesDirectory(rules).compileEagerly(true).buildDrools()) {
            long compiled = engine.versionRegistry().compiler().compilations();
            assertThat(engine.registry().ruleSets()).allSatisfy(id -> assertThat(engine.registry().versions(id))
                    .allSatisfy(v -> assertThat(v.state()).as(v.label())
                            .isEqualTo(v.label().equals("greeting 1.0.0") ? RuleSetInfo.State.FAILED : RuleSetInfo.State.COMPILED)));
            assertThat(compiled).isEqualTo(engine.registry().ruleSets().stream().mapToLong(id -> engine.registry().versions(id).size()).sum());

            // the first call pays no compile, and the broken version is not compiled again
            assertThat(engine.decide("greeting", ANA, DecideOptions.at(JULY)).actions(Greet.class)).hasSize(1);
            assertThatThrownBy(() -> engine.decide("greeting", ANA, DecideOptions.builder().version("1.0.0").asOf(JULY).build()))
                    .isInstanceOf(CompilationException.class);
            assertThat(engine.versionRegistry().compiler().compilations()).isEqualTo(compiled);
        }
    }

    @Test
    void warmingUpDecidesOnceOnEveryVersionAndAfterAReload(@TempDir Path tmp) throws Exception {
        Path rules = TestRules.copyTo(tmp);
        try (DroolsEngine warm = Regla.builder().rulesDirectory(rules).warmUp(true).sessionPoolSize(1).buildDrools();
             DroolsEngine lazy = Regla.builder().rulesDirectory(rules).buildDrools()) {
            assertThat(warm.registry().versions("greeting")).extracting(RuleSetInfo::state).containsOnly(RuleSetInfo.State.COMPILED);
            assertThat(warm.decide("greeting", ANA, DecideOptions.at(JULY))).isEqualTo(lazy.decide("greeting", ANA, DecideOptions.at(JULY)));

            Path v12 = Files.createDirectories(rules.resolve("greeting/1.2.0"));
            Files.writeString(v12.resolve("ruleset.yaml"), "id: greeting\nversion: 1.2.0\neffectiveFrom: 2026-07-01T00:00:00Z\n");
            Files.writeString(v12.resolve("g.drl"), """
                    package rules.greeting;
                    import io.regla.core.testmodel.Person;
                    import io.regla.core.testmodel.Greet;
                    rule "all" when $p : Person() then insert(new Greet($p.id(), "x")); end
                    """);
            assertThat(warm.registry().reload().added()).hasSize(1);
            CompiledRuleSet added = warm.versionRegistry().compiledFor("greeting", null, JULY);
            assertThat(added.folder().manifest().version()).hasToString("1.2.0");
            assertThat(added.liveSessions()).isEqualTo(1);
            assertThat(warm.decide("greeting", ANA, DecideOptions.at(JULY)).actions(Greet.class)).containsExactly(new Greet("P1", "x"));
            assertThat(added.liveSessions()).as("the warm-up's session went back to the pool").isEqualTo(1);
        }
    }

    @Test
    void aStatefulSessionKeepsWorkingAfterItsVersionIsReplaced(@TempDir Path tmp) throws Exception {
        Path rules = TestRules.copyTo(tmp);
        Path drl = rules.resolve("greeting/1.1.0/greeting.drl");
        try (DroolsEngine engine = Regla.builder().rulesDirectory(rules).buildDrools();
             Session session = engine.openSession("greeting", DecideOptions.at(JULY))) {
            session.insert(ANA.get(0));
            assertThat(session.fire().actions()).containsExactly(new Greet("P1", "Bienvenida Ana"));
            CompiledRuleSet old = engine.versionRegistry().compiledFor("greeting", null, JULY);

            Files.writeString(drl, Files.readString(drl).replace("\"Bienvenida \"", "\"Hola de nuevo \""));
            assertThat(engine.registry().reload().changed()).hasSize(1);
            assertThat(old.drained()).as("no call holds the old build: its pool is released").isTrue();

            // the session runs on the old version's KieBase, with a session of its own
            session.insert(new Person("P2", "Eva", 40, null, Person.Tier.GOLD));
            assertThat(session.fire().actions()).containsExactly(new Greet("P2", "Bienvenida Eva"));
            assertThat(session.facts(Person.class)).hasSize(2);
            assertThat(session.ruleSet().checksum()).isEqualTo(old.folder().checksum());
            // while new calls get the new version
            assertThat(engine.decide("greeting", ANA, DecideOptions.at(JULY)).actions(Greet.class))
                    .containsExactly(new Greet("P1", "Hola de nuevo Ana"));
        }
    }
}
