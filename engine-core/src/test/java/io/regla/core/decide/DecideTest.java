package io.regla.core.decide;

import io.regla.api.DecideOptions;
import io.regla.api.Decision;
import io.regla.api.FactFormat;
import io.regla.api.FactMappingException;
import io.regla.api.ReglaException;
import io.regla.api.Session;
import io.regla.core.Regla;
import io.regla.core.TestRules;
import io.regla.core.testmodel.Greet;
import io.regla.core.testmodel.Person;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DecideTest {

    static final Instant MARCH = Instant.parse("2026-03-02T12:00:00Z");
    static DroolsEngine engine;

    @BeforeAll
    static void start() {
        engine = Regla.builder().rulesDirectory(TestRules.dir()).maxFirings(500)
                .clock(Clock.fixed(MARCH, ZoneOffset.UTC)).buildDrools();
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void withoutAnAsOfTheEngineClockDecides() {
        Decision d = engine.decide("greeting", List.of(new Person("P1", "Ana", 30, LocalDate.of(1990, 3, 2), null)));
        assertThat(d.asOf()).isEqualTo(MARCH);
        assertThat(d.actions(Greet.class)).extracting(Greet::text).containsExactly("Hola Ana", "Feliz cumpleaños");
    }

    @Test
    void tracingOffKeepsActionsAndDropsTheTrace() {
        Decision on = engine.decide("greeting", List.of(new Person("P1", "Ana", 30, null, null)), DecideOptions.at(MARCH));
        Decision off = engine.decide("greeting", List.of(new Person("P1", "Ana", 30, null, null)),
                DecideOptions.builder().asOf(MARCH).tracing(false).build());
        assertThat(off.actions()).isEqualTo(on.actions());
        assertThat(off.trace().enabled()).isFalse();
        assertThat(on.trace().firings()).extracting(f -> f.rule() + f.facts()).containsExactly("greet-adult[Person#P1]");
    }

    @Test
    void factsNoRuleCanMatchAreWarnedAbout() {
        Decision d = engine.decide("greeting", List.of("just a string", new Person("P1", "Ana", 30, null, null)), DecideOptions.at(MARCH));
        assertThat(d.warnings()).containsExactly("1 fact(s) of type String match no rule pattern in greeting 1.0.0");
    }

    @Test
    void aLoopingRuleSetIsStoppedWithAClearError() {
        assertThatThrownBy(() -> engine.decide("loop", List.of(new Person("P1", "Ana", 30, null, null)), DecideOptions.at(MARCH)))
                .isInstanceOf(ReglaException.class).hasMessageContaining("loop 1.0.0 fired more than 500 rules without settling");
        // the pooled session was returned clean: the next decision is unaffected
        assertThat(engine.decide("greeting", List.of(new Person("P1", "Ana", 30, null, null)), DecideOptions.at(MARCH)).actions()).hasSize(1);
    }

    @Test
    void sessionsAdvanceTheClockAndOnlyForward() {
        try (Session s = engine.openSession("greeting", DecideOptions.at(Instant.parse("2026-03-01T12:00:00Z")))) {
            s.insert(new Person("P1", "Ana", 30, LocalDate.of(1990, 3, 2), null));
            assertThat(s.fire().actions()).containsExactly(new Greet("P1", "Hola Ana"));
            s.advanceTo(Instant.parse("2026-03-02T12:00:00Z"));
            assertThat(s.fire().actions()).containsExactly(new Greet("P1", "Feliz cumpleaños"));
            assertThat(s.actions()).hasSize(2);
            assertThat(s.trace().firings()).extracting(f -> f.sequence() + ":" + f.rule()).containsExactly("1:greet-adult", "2:birthday");
            assertThat(s.facts(Greet.class)).hasSize(2);
            assertThatThrownBy(() -> s.advanceTo(Instant.parse("2026-03-01T00:00:00Z")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only moves forward");
            // a session stays on its version even when the clock crosses another version's effective date
            s.advanceTo(Instant.parse("2026-07-01T12:00:00Z"));
            assertThat(s.ruleSet().version()).hasToString("1.0.0");
        }
    }

    @Test
    void readsFactsFromJsonYamlAndCsv() {
        DecideOptions o = DecideOptions.at(MARCH);
        assertThat(engine.readFacts("greeting", o, FactFormat.JSON,
                new StringReader("[{\"Person\": {\"id\": \"P1\", \"name\": \"Ana\", \"age\": 30, \"birthday\": \"1990-03-02\"}}]"), "in.json"))
                .containsExactly(new Person("P1", "Ana", 30, LocalDate.of(1990, 3, 2), null));
        assertThat(engine.readFacts("greeting", o, FactFormat.YAML,
                new StringReader("Person:\n  - {id: P1, name: Ana, age: 30, tier: gold}\n  - {id: P2, name: Bea, age: 3}\n"), "in.yaml"))
                .extracting(p -> ((Person) p).id()).containsExactly("P1", "P2");
        assertThat(engine.readFacts("greeting", o, FactFormat.CSV,
                new StringReader("id,name,age,tier\nP1,Ana,30,GOLD\nP2,Bea,3,\n"), "people/person.csv"))
                .containsExactly(new Person("P1", "Ana", 30, null, Person.Tier.GOLD), new Person("P2", "Bea", 3, null, null));
    }

    @Test
    void mappingErrorsNameSourceRecordAndField() {
        DecideOptions o = DecideOptions.at(MARCH);
        assertThatThrownBy(() -> engine.readFacts("greeting", o, FactFormat.YAML,
                new StringReader("- Person: {id: P1, age: 3}\n- Person: {id: P2, birthday: 2026-02-30}\n"), "f.yaml"))
                .isInstanceOf(FactMappingException.class)
                .hasMessage("f.yaml: record 2, field 'birthday': cannot read '2026-02-30' as LocalDate (ISO date such as 2026-03-01)");
        assertThatThrownBy(() -> engine.readFacts("greeting", o, FactFormat.YAML,
                new StringReader("- Person: {id: P1, nmae: Ana, age: 3}\n"), "f.yaml"))
                .hasMessage("f.yaml: record 1, field 'nmae': unknown field for Person; known fields: id, name, age, birthday, tier");
        assertThatThrownBy(() -> engine.readFacts("greeting", o, FactFormat.YAML,
                new StringReader("- Person: {id: P1, name: Ana}\n"), "f.yaml"))
                .hasMessage("f.yaml: record 1, field 'age': missing: a value of type int is required");
        assertThatThrownBy(() -> engine.readFacts("greeting", o, FactFormat.YAML,
                new StringReader("- Persona: {id: P1}\n"), "f.yaml"))
                .hasMessageStartingWith("f.yaml: record 1, field 'Persona': unknown fact type 'Persona'; known types: ");
        assertThatThrownBy(() -> engine.readFacts("greeting", o, FactFormat.CSV,
                new StringReader("id,name,age,tier\nP1,Ana,1,GOLD\nP2,Bea,2,PLATINO\n"), "person.csv"))
                .hasMessageStartingWith("person.csv: record 2, field 'tier': cannot read 'PLATINO' as Tier (one of [BASIC, GOLD])");
        assertThatThrownBy(() -> engine.readFacts("greeting", o, FactFormat.CSV,
                new StringReader("id,name\nP1,Ana\n"), "stuff.csv"))
                .hasMessageContaining("stuff.csv: record 1, field 'Stuff': unknown fact type 'Stuff'");
    }
}
