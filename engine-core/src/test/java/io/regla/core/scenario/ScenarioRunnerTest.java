package io.regla.core.scenario;

import io.regla.core.TestRules;
import io.regla.core.decide.DroolsEngine;
import io.regla.core.facts.Json;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScenarioRunnerTest {

    static DroolsEngine engine;

    @BeforeAll
    static void start() {
        engine = TestRules.engine();
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private static ScenarioResult run(String yaml) {
        List<Scenario> s = ScenarioParser.parse(yaml, "test.yaml");
        return new ScenarioRunner(engine).run(s.get(0));
    }

    @Test
    void aWrongExpectationFailsAndReportsExpectedEmittedAndTrace() {
        ScenarioResult r = run("""
                scenario: wrong
                ruleSet: greeting
                at: 2026-03-02T09:00:00-03:00
                given:
                  - Person: {id: P1, name: Ana, age: 30}
                expect:
                  actions:
                    - Greet: {personId: P1, text: Adiós}
                """);
        assertThat(r.passed()).isFalse();
        assertThat(r.report())
                .contains("expected 1 × Greet{\"personId\":\"P1\",\"text\":\"Adiós\"}, emitted 0")
                .contains("Greet{\"personId\":\"P1\",\"text\":\"Hola Ana\"}")
                .contains("1. greet-adult  [Person#P1]");
    }

    @Test
    void countsAreExactAndNoneIsChecked() {
        ScenarioResult r = run("""
                scenario: counts
                ruleSet: greeting
                at: 2026-03-02T09:00:00-03:00
                given:
                  - Person: {id: P1, name: Ana, age: 30}
                expect:
                  actions:
                    - Greet: {personId: P1}
                      count: 2
                  none:
                    - Greet: {text: Hola Ana}
                  rulesFired: [birthday]
                """);
        assertThat(r.failures()).containsExactly(
                "expected 2 × Greet{\"personId\":\"P1\"}, emitted 1",
                "expected no Greet{\"text\":\"Hola Ana\"}, emitted 1: Greet{\"personId\":\"P1\",\"text\":\"Hola Ana\"}",
                "rule 'birthday' did not fire");
    }

    @Test
    void aMisspeltFieldInAPatternIsReportedNotSilentlyUnmatched() {
        ScenarioResult r = run("""
                scenario: typo
                ruleSet: greeting
                at: 2026-03-02T09:00:00-03:00
                given:
                  - Person: {id: P1, name: Ana, age: 30}
                expect:
                  none:
                    - Greet: {persnId: P1}
                """);
        assertThat(r.failures()).anyMatch(f -> f.contains("Greet has no field 'persnId' (fields: personId, text)"));
    }

    @Test
    void aBadFactNamesTheRecordAndField() {
        ScenarioResult r = run("""
                scenario: bad fact
                ruleSet: greeting
                at: 2026-03-02T09:00:00-03:00
                given:
                  - Person: {id: P1, name: Ana, age: 30}
                  - Person: {id: P2, name: Bea, age: old}
                """);
        assertThat(r.failures()).singleElement().asString()
                .contains("given[2]").contains("record 2").contains("field 'age'");
    }

    @Test
    void stepExpectationsSeeOnlyThatStep() {
        ScenarioResult r = run("""
                scenario: steps
                ruleSet: greeting
                at: 2026-03-02T09:00:00-03:00
                given:
                  - Person: {id: P1, name: Ana, age: 30}
                steps:
                  - at: 2026-03-03T09:00:00-03:00
                    insert:
                      - Person: {id: P2, name: Bea, age: 31}
                    expect:
                      actions:
                        - Greet: {personId: P2}
                      none:
                        - Greet: {personId: P1}
                expect:
                  actions:
                    - Greet: {}
                      count: 2
                """);
        assertThat(r.failures()).isEmpty();
    }

    @Test
    void unknownRuleSetIsReportedAndInstantsCompareByMoment() {
        ScenarioResult r = run("""
                scenario: unknown
                ruleSet: nope
                at: 2026-03-02T09:00:00-03:00
                """);
        assertThat(r.failures()).singleElement().asString().contains("unknown rule set 'nope'");
        assertThat(ActionMatcher.matchesValue(Json.JSON.getNodeFactory().textNode("2026-03-02T09:00:00-03:00"),
                Json.JSON.getNodeFactory().textNode("2026-03-02T12:00:00Z"))).isTrue();
        assertThat(ActionMatcher.matchesValue(Json.JSON.getNodeFactory().textNode("2026-03-02T09:00:00-03:00"),
                Json.JSON.getNodeFactory().textNode("2026-03-02T09:00:00Z"))).isFalse();
    }

    @Test
    void formatErrorsNameTheFileAndKey() {
        assertThatThrownBy(() -> ScenarioParser.parse("""
                scenario: typo
                ruleSet: greeting
                at: 2026-03-02T09:00:00-03:00
                expcet: {}
                """, "s.yaml")).hasMessageContaining("s.yaml").hasMessageContaining("unknown key 'expcet'");
        assertThatThrownBy(() -> ScenarioParser.parse("""
                scenario: no offset
                ruleSet: greeting
                at: 2026-03-02T09:00:00
                """, "s.yaml")).hasMessageContaining("s.yaml: at").hasMessageContaining("with offset");
    }

    @Test
    void coverageListsRulesNoScenarioFired() {
        ScenarioRunner runner = new ScenarioRunner(engine);
        runner.run(ScenarioParser.parse("""
                scenario: only adults
                ruleSet: greeting
                version: 1.0.0
                at: 2026-03-02T09:00:00-03:00
                given:
                  - Person: {id: P1, name: Ana, age: 30}
                """, "c.yaml").get(0));
        List<Coverage.Unfired> unfired = runner.coverage().unfired(engine.registry(), Set.of("greeting"));
        assertThat(unfired).extracting(u -> u.version().toString(), Coverage.Unfired::unfired)
                .containsExactly(Tuple.tuple("1.0.0", List.of("birthday")),
                        Tuple.tuple("1.1.0", List.of("greet-adult", "greet-gold")));
    }
}
