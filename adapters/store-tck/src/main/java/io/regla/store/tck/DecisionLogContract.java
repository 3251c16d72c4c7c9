package io.regla.store.tck;

import io.regla.api.DecideOptions;
import io.regla.api.spi.DecisionLog;
import io.regla.api.spi.DecisionQuery;
import io.regla.api.spi.DecisionRecord;
import io.regla.core.Regla;
import io.regla.core.decide.DroolsEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every readable {@link DecisionLog} backend must do: keep records whole, answer "recent decisions of
 * a rule set (and version) in a time range" newest first, and, behind a real engine, hold no personal data.
 * Each test uses its own rule set id, so the backend may be shared.
 */
public abstract class DecisionLogContract {

    protected abstract DecisionLog decisionLog();

    private String ruleSet;
    private final Instant t0 = Instant.parse("2026-03-02T12:00:00Z");

    @BeforeEach
    void newRuleSet() {
        ruleSet = "rs-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private DecisionRecord record(String version, Instant recordedAt, String trace) {
        return new DecisionRecord(UUID.randomUUID().toString(), recordedAt, ruleSet, version, "a".repeat(64),
                recordedAt.minusSeconds(3600), "b".repeat(64), "[{\"type\":\"Alert\",\"code\":\"X\"}]", trace);
    }

    @Test
    void recordsRoundTripWhole() {
        DecisionRecord traced = record("1.0.0", t0, "[{\"sequence\":1,\"rule\":\"r\",\"facts\":[\"Enrollment#E1\"]}]");
        DecisionRecord untraced = record("1.0.0", t0.plusMillis(1), null);
        decisionLog().write(List.of(traced, untraced));
        assertThat(decisionLog().recent(DecisionQuery.of(ruleSet))).containsExactly(untraced, traced);
    }

    @Test
    void recentFiltersByVersionAndHalfOpenTimeRangeNewestFirst() {
        List<DecisionRecord> all = new ArrayList<>();
        for (int i = 0; i < 10; i++) all.add(record(i % 2 == 0 ? "1.0.0" : "1.1.0", t0.plusSeconds(i), null));
        decisionLog().write(all.subList(0, 4));
        decisionLog().write(all.subList(4, 10));

        assertThat(decisionLog().recent(DecisionQuery.of(ruleSet))).extracting(DecisionRecord::recordedAt)
                .containsExactly(newestFirst(all));
        assertThat(decisionLog().recent(DecisionQuery.of(ruleSet).version("1.1.0")))
                .extracting(DecisionRecord::recordedAt).containsExactly(t0.plusSeconds(9), t0.plusSeconds(7),
                        t0.plusSeconds(5), t0.plusSeconds(3), t0.plusSeconds(1));
        assertThat(decisionLog().recent(DecisionQuery.of(ruleSet).between(t0.plusSeconds(2), t0.plusSeconds(5))))
                .extracting(DecisionRecord::recordedAt).containsExactly(t0.plusSeconds(4), t0.plusSeconds(3), t0.plusSeconds(2));
        assertThat(decisionLog().recent(DecisionQuery.of(ruleSet).version("1.0.0").between(t0.plusSeconds(2), null).limit(2)))
                .extracting(DecisionRecord::recordedAt).containsExactly(t0.plusSeconds(8), t0.plusSeconds(6));
        assertThat(decisionLog().recent(DecisionQuery.of(ruleSet).version("2.0.0"))).isEmpty();
        assertThat(decisionLog().recent(DecisionQuery.of(ruleSet + "-other"))).isEmpty();
    }

    @Test
    void shadowSamplesRoundTripWholeNewestFirst() {
        io.regla.api.spi.ShadowSample differed = new io.regla.api.spi.ShadowSample(UUID.randomUUID().toString(), t0, ruleSet,
                "1.0.0", "1.1.0", t0.minusSeconds(60), "b".repeat(64), "[{\"type\":\"Alert\",\"code\":\"X\"}]",
                "[]", "{\"removed\":[{\"type\":\"Alert\",\"code\":\"X\"}],\"added\":[],\"changed\":[]}", null);
        io.regla.api.spi.ShadowSample failed = new io.regla.api.spi.ShadowSample(UUID.randomUUID().toString(), t0.plusSeconds(1),
                ruleSet, "1.0.0", "2.0.0", t0.minusSeconds(60), "c".repeat(64), "[]", null, null, "ReglaException: boom");
        decisionLog().writeShadow(List.of(differed, failed));
        assertThat(decisionLog().recentShadow(DecisionQuery.of(ruleSet))).containsExactly(failed, differed);
        assertThat(decisionLog().recentShadow(DecisionQuery.of(ruleSet).version("1.1.0"))).isEmpty();
        assertThat(decisionLog().recentShadow(DecisionQuery.of(ruleSet).between(t0, t0.plusSeconds(1)))).containsExactly(differed);
    }

    private static Instant[] newestFirst(List<DecisionRecord> records) {
        List<Instant> out = new ArrayList<>(records.stream().map(DecisionRecord::recordedAt).toList());
        java.util.Collections.reverse(out);
        return out.toArray(Instant[]::new);
    }

    @Test
    void aBatchWithADuplicateIdIsRejectedWhole() {
        DecisionRecord first = record("1.0.0", t0, null);
        decisionLog().write(List.of(first));
        DecisionRecord fresh = record("1.0.0", t0.plusSeconds(1), null);
        assertThatThrownBy(() -> decisionLog().write(List.of(fresh, first))).isInstanceOf(RuntimeException.class);
        assertThat(decisionLog().recent(DecisionQuery.of(ruleSet))).containsExactly(first);
    }

    @Test
    void anEngineLogsItsDecisionsHereWithoutPersonalData() throws IOException {
        Path rules = Files.createTempDirectory("regla-tck-decisionlog");
        Path v = Files.createDirectories(rules.resolve(ruleSet).resolve("1.0.0"));
        Files.writeString(v.resolve("ruleset.yaml"), "id: " + ruleSet + "\nversion: 1.0.0\n"
                + "effectiveFrom: 2026-01-01T00:00:00Z\ntimeZone: UTC\ndescription: writes to guardians\n");
        Files.writeString(v.resolve("letters.drl"), """
                package rules.letters;
                import io.regla.store.tck.TestGuardian;
                import io.regla.store.tck.TestLetter;
                rule "letter"
                when
                    $g : TestGuardian()
                then
                    insert(new TestLetter($g.email(), $g.id(), "Estimada " + $g.name()));
                end
                """);
        List<Object> facts = List.of(new TestGuardian("G1", "Valentina Rojas", "valentina.rojas@example.com"),
                new TestGuardian("G2", "Tomás Pérez", "tomas@correo.cl"));
        try (DroolsEngine engine = Regla.builder().rulesDirectory(rules).decisionLog(decisionLog()).buildDrools()) {
            for (int i = 0; i < 5; i++) engine.decide(ruleSet, facts, DecideOptions.at(t0));
        }
        List<DecisionRecord> logged = decisionLog().recent(DecisionQuery.of(ruleSet).version("1.0.0"));
        assertThat(logged).hasSize(5).allSatisfy(r -> {
            assertThat(r.asOf()).isEqualTo(t0);
            assertThat(r.checksum()).hasSize(64);
            assertThat(r.factsHash()).isEqualTo(io.regla.core.audit.FactsHash.of(facts));
            assertThat(r.actionsJson()).contains("\"to\":\"v***@example.com\"", "\"text\":\"Estimada V***\"",
                    "\"to\":\"t***@correo.cl\"", "\"text\":\"Estimada T***\"");
            assertThat(r.traceJson()).contains("TestGuardian#G1", "TestGuardian#G2");
            String written = r.actionsJson() + r.traceJson();
            assertThat(written).doesNotContain("valentina", "Valentina", "Rojas", "tomas@", "Tomás", "Pérez");
        });
    }
}
