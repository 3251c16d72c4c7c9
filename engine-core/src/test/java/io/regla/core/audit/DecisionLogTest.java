package io.regla.core.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.regla.api.DecideOptions;
import io.regla.api.Decision;
import io.regla.api.Version;
import io.regla.api.spi.DecisionQuery;
import io.regla.api.spi.DecisionRecord;
import io.regla.core.Regla;
import io.regla.core.decide.DroolsEngine;
import io.regla.core.facts.Json;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class DecisionLogTest {

    static final Instant AS_OF = Instant.parse("2026-03-02T12:00:00Z");
    static final Instant NOW = Instant.parse("2026-03-05T09:30:00Z");
    static final Path RULES = AuditRules.dir();

    static Regla.Builder builder() {
        return Regla.builder().rulesDirectory(RULES).clock(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static final List<Object> FACTS = List.of(new Customer("C1", "Ana García", "ana.garcia@example.com", "VIP"),
            new Customer("C2", "Bruno Díaz", "bruno@example.org", "BASIC"));

    @Test
    void aDecisionIsLoggedWithItsBuildItsFactsHashAndMaskedActionsAndTrace() throws Exception {
        MemoryDecisionLog log = new MemoryDecisionLog();
        Decision d;
        String checksum;
        try (DroolsEngine engine = builder().decisionLog(log).buildDrools()) {
            d = engine.decide("notice", FACTS, DecideOptions.at(AS_OF));
            checksum = engine.registry().resolve("notice", Version.parse("1.0.0"), AS_OF).checksum();
        } // close flushes

        assertThat(d.actions()).containsExactly(new Notice("ana.garcia@example.com", "C1", "Hola Ana García (ana.garcia@example.com)"));
        assertThat(log.records).hasSize(1);
        DecisionRecord r = log.records.get(0);
        assertThat(r.decisionId()).matches("[0-9a-f-]{36}");
        assertThat(r.recordedAt()).isEqualTo(NOW);
        assertThat(r.ruleSet()).isEqualTo("notice");
        assertThat(r.version()).isEqualTo("1.0.0");
        assertThat(r.checksum()).isEqualTo(checksum).hasSize(64);
        assertThat(r.asOf()).isEqualTo(AS_OF);
        assertThat(r.factsHash()).isEqualTo(FactsHash.of(FACTS)).matches("[0-9a-f]{64}");

        JsonNode actions = Json.JSON.readTree(r.actionsJson());
        assertThat(actions).hasSize(1);
        assertThat(actions.get(0).get("type").asText()).isEqualTo("Notice");
        assertThat(actions.get(0).get("to").asText()).isEqualTo("a***@example.com");
        assertThat(actions.get(0).get("customerId").asText()).isEqualTo("C1");
        assertThat(actions.get(0).get("message").asText()).isEqualTo("Hola A*** (a***@example.com)");

        JsonNode trace = Json.JSON.readTree(r.traceJson());
        assertThat(trace.get(0).get("rule").asText()).isEqualTo("notice-vip");
        assertThat(trace.get(0).get("facts").get(0).asText()).isEqualTo("Customer#C1");

        String all = String.join("|", r.actionsJson(), r.traceJson(), r.factsHash());
        assertThat(all).doesNotContain("ana.garcia", "Ana García", "García", "bruno");
    }

    @Test
    void anUntracedDecisionHasNoTraceAndTheFactsHashIgnoresFactOrder() {
        MemoryDecisionLog log = new MemoryDecisionLog();
        try (DroolsEngine engine = builder().decisionLog(log).buildDrools()) {
            DecideOptions untraced = DecideOptions.builder().asOf(AS_OF).tracing(false).build();
            engine.decide("notice", FACTS, untraced);
            engine.decide("notice", List.of(FACTS.get(1), FACTS.get(0)), untraced);
            engine.decide("notice", List.of(FACTS.get(0)), untraced);
        }
        assertThat(log.records).extracting(DecisionRecord::traceJson).containsOnlyNulls();
        assertThat(log.records.get(0).factsHash()).isEqualTo(log.records.get(1).factsHash())
                .isNotEqualTo(log.records.get(2).factsHash());
        assertThat(log.records).extracting(DecisionRecord::decisionId).doesNotHaveDuplicates();
    }

    @Test
    void aFullQueueDropsAndCountsAndNeverBlocksDecide() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        MemoryDecisionLog log = new MemoryDecisionLog(release);
        DroolsEngine engine = builder().decisionLog(log).decisionLogCapacity(3).decisionLogBatchSize(10).buildDrools();
        DecisionRecorder recorder = engine.decisionLog().orElseThrow();
        engine.decide("notice", FACTS, DecideOptions.at(AS_OF));
        assertThat(log.entered.await(30, TimeUnit.SECONDS)).as("the writer took the first decision").isTrue();

        // The writer is now held inside write(): the queue fills and the rest must be dropped, with every
        // decide returning. Were decide to wait for room, this would never finish (the guard is a deadlock
        // guard, not a latency bound).
        List<Decision> decided = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            List<Decision> out = new java.util.ArrayList<>();
            for (int i = 0; i < 10; i++) out.add(engine.decide("notice", FACTS, DecideOptions.at(AS_OF)));
            return out;
        });
        assertThat(decided).hasSize(10).allSatisfy(d -> assertThat(d.actions()).hasSize(1));
        assertThat(recorder.queued()).isEqualTo(3);
        assertThat(recorder.dropped()).isEqualTo(7);

        release.countDown();
        engine.close();
        assertThat(log.records).hasSize(4);
        assertThat(recorder.written()).isEqualTo(4);
        assertThat(recorder.dropped()).isEqualTo(7);
        assertThat(log.batchSizes).containsExactly(1, 3);
    }

    @Test
    void closeWaitsOnlyAsLongAsItsTimeoutAndCountsWhatItLeaves() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        MemoryDecisionLog log = new MemoryDecisionLog(release);
        DroolsEngine engine = builder().decisionLog(log).decisionLogBatchSize(1)
                .decisionLogCloseTimeout(Duration.ofMillis(50)).buildDrools();
        DecisionRecorder recorder = engine.decisionLog().orElseThrow();
        engine.decide("notice", FACTS, DecideOptions.at(AS_OF));
        assertThat(log.entered.await(30, TimeUnit.SECONDS)).isTrue();
        engine.decide("notice", FACTS, DecideOptions.at(AS_OF));
        engine.decide("notice", FACTS, DecideOptions.at(AS_OF));

        assertTimeoutPreemptively(Duration.ofSeconds(30), engine::close);
        assertThat(recorder.dropped()).as("the two still queued when close gave up").isEqualTo(2);
        release.countDown();
        // after close, decisions are not logged: the engine is closed for logging
        assertThat(recorder.queued()).isZero();
    }

    @Test
    void aFailingLogCountsItsLossesAndDecisionsGoOn() {
        MemoryDecisionLog log = new MemoryDecisionLog();
        log.failing = true;
        DecisionRecorder recorder;
        try (DroolsEngine engine = builder().decisionLog(log).decisionLogBatchSize(1).buildDrools()) {
            recorder = engine.decisionLog().orElseThrow();
            for (int i = 0; i < 3; i++) {
                assertThat(engine.decide("notice", FACTS, DecideOptions.at(AS_OF)).actions()).hasSize(1);
            }
        }
        assertThat(recorder.failed()).isEqualTo(3);
        assertThat(recorder.written()).isZero();
        assertThat(log.records).isEmpty();
    }

    @Test
    void anEngineWithoutALogHasNoRecorder() {
        try (DroolsEngine engine = builder().buildDrools()) {
            assertThat(engine.decisionLog()).isEmpty();
        }
    }

    @Test
    void theMemoryLogAnswersQueriesMostRecentFirst() {
        MemoryDecisionLog log = new MemoryDecisionLog();
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        try (DroolsEngine engine = Regla.builder().rulesDirectory(RULES).clock(clock).decisionLog(log).buildDrools()) {
            engine.decide("notice", FACTS, DecideOptions.at(AS_OF));
        }
        assertThat(log.recent(DecisionQuery.of("notice").version("1.0.0").between(NOW, NOW.plusSeconds(1)))).hasSize(1);
        assertThat(log.recent(DecisionQuery.of("notice").version("2.0.0"))).isEmpty();
        assertThat(log.recent(DecisionQuery.of("notice").between(NOW.plusSeconds(1), null))).isEmpty();
    }
}
