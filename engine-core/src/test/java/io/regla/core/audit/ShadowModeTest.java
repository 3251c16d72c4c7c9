package io.regla.core.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.regla.api.DecideOptions;
import io.regla.api.Decision;
import io.regla.api.Version;
import io.regla.api.spi.ShadowSample;
import io.regla.core.Regla;
import io.regla.core.TestRules;
import io.regla.core.decide.DroolsEngine;
import io.regla.core.facts.Json;
import io.regla.core.testmodel.Person;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Shadow mode: the caller gets the serving decision; counters and a bounded sample record the candidate's differences. */
class ShadowModeTest {

    static final Instant JULY = Instant.parse("2026-07-02T12:00:00Z");
    static final List<Person> GOLD = List.of(new Person("P1", "ana@example.com", 30, null, Person.Tier.GOLD));
    static final List<Person> BASIC = List.of(new Person("P2", "Beto", 30, null, Person.Tier.BASIC));
    static final DecideOptions SERVING = DecideOptions.builder().version("1.0.0").asOf(JULY).build();

    private static double count(SimpleMeterRegistry r, String name, String candidate) {
        var c = r.find(name).tags("ruleSet", "greeting", "version", "1.0.0", "candidate", candidate).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void returnsTheServingDecisionAndCountsDecisionsAndDifferences() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        MemoryDecisionLog log = new MemoryDecisionLog();
        Decision gold;
        Decision plain;
        try (DroolsEngine engine = Regla.builder().rulesDirectory(TestRules.dir()).meterRegistry(meters).decisionLog(log).buildDrools()) {
            plain = engine.decide("greeting", GOLD, SERVING);
            gold = engine.decide("greeting", GOLD, SERVING.toBuilder().shadow("1.1.0").build());
            engine.decide("greeting", BASIC, SERVING.toBuilder().shadow("1.1.0").build());
        }
        assertThat(gold).isEqualTo(plain);
        assertThat(gold.version()).isEqualTo(Version.parse("1.0.0"));
        assertThat(count(meters, "regla.shadow.decisions", "1.1.0")).isEqualTo(2);
        assertThat(count(meters, "regla.shadow.differences", "1.1.0")).isEqualTo(1);
        assertThat(count(meters, "regla.shadow.failures", "1.1.0")).isZero();
        // the candidate's runs are not ordinary decisions: neither timed as such nor logged as such
        assertThat(meters.find("regla.decisions").tags("version", "1.1.0").timer()).isNull();
        assertThat(log.records).hasSize(3).allMatch(r -> r.version().equals("1.0.0"));
        assertThat(log.samples).hasSize(1);
        ShadowSample s = log.samples.get(0);
        assertThat(s.version()).isEqualTo("1.0.0");
        assertThat(s.candidate()).isEqualTo("1.1.0");
        assertThat(s.asOf()).isEqualTo(JULY);
        assertThat(s.failed()).isFalse();
        JsonNode diff = readTree(s.differenceJson());
        assertThat(diff.at("/changed/0/from/text").asText()).startsWith("Hola ");
        assertThat(diff.at("/changed/0/to/text").asText()).startsWith("Bienvenida ");
        // personal data is masked as in the decision log
        assertThat(s.actionsJson() + s.candidateActionsJson() + s.differenceJson()).doesNotContain("ana@example.com");
        assertThat(s.factsHash()).isEqualTo(log.records.get(1).factsHash());
    }

    @Test
    void aRegistrySettingShadowsEveryCallAndACandidateFailureNeverReachesTheCaller() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        MemoryDecisionLog log = new MemoryDecisionLog();
        try (DroolsEngine engine = Regla.builder().rulesDirectory(TestRules.dir()).meterRegistry(meters).decisionLog(log)
                .shadow("greeting", "1.1.0").shadowSamples(2).buildDrools()) {
            for (int i = 0; i < 5; i++) engine.decide("greeting", GOLD, SERVING);
            assertThat(engine.shadows()).containsEntry("greeting", Version.parse("1.1.0"));
            // a candidate that cannot decide (no such version) is counted, the call still succeeds
            Decision d = engine.decide("greeting", GOLD, SERVING.toBuilder().shadow("9.9.9").build());
            assertThat(d.actions()).hasSize(1);
            engine.shadow("greeting", null);
            engine.decide("greeting", GOLD, SERVING);
        }
        assertThat(count(meters, "regla.shadow.decisions", "1.1.0")).isEqualTo(5);
        assertThat(count(meters, "regla.shadow.differences", "1.1.0")).isEqualTo(5);
        assertThat(count(meters, "regla.shadow.failures", "9.9.9")).isEqualTo(1);
        // bounded: two samples for 1.0.0 -> 1.1.0 although five differed, plus the failure of 9.9.9
        assertThat(log.samples).filteredOn(s -> s.candidate().equals("1.1.0")).hasSize(2);
        assertThat(log.samples).filteredOn(ShadowSample::failed).singleElement()
                .satisfies(s -> assertThat(s.error()).contains("9.9.9"));
    }

    @Test
    void theServingVersionAsCandidateIsNoShadow() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (DroolsEngine engine = Regla.builder().rulesDirectory(TestRules.dir()).meterRegistry(meters).buildDrools()) {
            engine.decide("greeting", GOLD, SERVING.toBuilder().shadow("1.0.0").build());
        }
        assertThat(count(meters, "regla.shadow.decisions", "1.0.0")).isZero();
    }

    private static JsonNode readTree(String json) {
        try {
            return Json.JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
