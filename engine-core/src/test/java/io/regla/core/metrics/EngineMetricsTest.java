package io.regla.core.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.regla.api.DecideOptions;
import io.regla.api.ReglaException;
import io.regla.api.RuleSetNotFoundException;
import io.regla.api.spi.DecisionLog;
import io.regla.core.Regla;
import io.regla.core.TestRules;
import io.regla.core.decide.DroolsEngine;
import io.regla.core.testmodel.Person;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EngineMetricsTest {

    static final Instant MARCH = Instant.parse("2026-03-02T12:00:00Z");
    static final Instant JULY = Instant.parse("2026-07-02T12:00:00Z");
    static final List<Person> ANA = List.of(new Person("P1", "Ana", 30, null, Person.Tier.GOLD));

    @Test
    void decisionsAreTimedAndCountedPerRuleSetAndVersionWithTheirFirings() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (DroolsEngine engine = Regla.builder().rulesDirectory(TestRules.dir()).meterRegistry(registry).buildDrools()) {
            engine.decide("greeting", ANA, DecideOptions.at(MARCH));
            engine.decide("greeting", ANA, DecideOptions.builder().asOf(MARCH).tracing(false).build());
            engine.decide("greeting", List.of(), DecideOptions.at(MARCH));
            engine.decide("greeting", ANA, DecideOptions.at(JULY));
        }
        Timer v100 = registry.get("regla.decisions").tags("ruleSet", "greeting", "version", "1.0.0", "outcome", "success").timer();
        assertThat(v100.count()).isEqualTo(3);
        assertThat(v100.totalTime(TimeUnit.NANOSECONDS)).isPositive();
        assertThat(registry.get("regla.decisions").tags("ruleSet", "greeting", "version", "1.1.0").timer().count()).isEqualTo(1);
        // one rule fires for Ana in 1.0.0, traced or not; none for no facts
        assertThat(registry.get("regla.rule.firings").tags("ruleSet", "greeting", "version", "1.0.0").counter().count()).isEqualTo(2);
        assertThat(registry.get("regla.compile").tags("ruleSet", "greeting", "outcome", "success").timers())
                .extracting(t -> t.getId().getTag("version")).containsExactlyInAnyOrder("1.0.0", "1.1.0");
    }

    @Test
    void failuresAreCountedByRuleSetVersionAndException() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (DroolsEngine engine = Regla.builder().rulesDirectory(TestRules.dir()).maxFirings(50).meterRegistry(registry).buildDrools()) {
            assertThatThrownBy(() -> engine.decide("loop", ANA, DecideOptions.at(MARCH))).isInstanceOf(ReglaException.class);
            assertThatThrownBy(() -> engine.decide("nope", ANA, DecideOptions.builder().asOf(MARCH).version("1.0.0").build()))
                    .isInstanceOf(RuleSetNotFoundException.class);
        }
        assertThat(registry.get("regla.decision.failures").tags("ruleSet", "loop", "version", "unresolved", "exception", "ReglaException")
                .counter().count()).isEqualTo(1);
        assertThat(registry.get("regla.decision.failures").tags("ruleSet", "nope", "version", "1.0.0", "exception", "RuleSetNotFoundException")
                .counter().count()).isEqualTo(1);
        assertThat(registry.get("regla.decisions").tags("outcome", "failure").timers()).hasSize(2);
        assertThat(registry.find("regla.decisions").tags("outcome", "success").timer()).isNull();
    }

    @Test
    void reloadsAndTheirFailuresAreCounted(@TempDir Path dir) throws Exception {
        TestRules.copyTo(dir);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (DroolsEngine engine = Regla.builder().rulesDirectory(dir).meterRegistry(registry).buildDrools()) {
            engine.registry().reload(); // nothing changed: still a reload
            Path v2 = Files.createDirectories(dir.resolve("greeting/2.0.0"));
            Files.writeString(v2.resolve("ruleset.yaml"), Files.readString(dir.resolve("greeting/1.1.0/ruleset.yaml")).replace("1.1.0", "2.0.0"));
            Files.writeString(v2.resolve("greeting.drl"), "package rules.greeting;\nrule \"broken\" when then nonsense( end\n");
            engine.registry().reload();
        }
        assertThat(registry.get("regla.reloads").tag("outcome", "success").timer().count()).isEqualTo(1);
        assertThat(registry.get("regla.reloads").tag("outcome", "failure").timer().count()).isEqualTo(1);
        assertThat(registry.get("regla.compile").tags("ruleSet", "greeting", "version", "2.0.0", "outcome", "failure").timer().count())
                .isEqualTo(1);
    }

    @Test
    void theDecisionLogCountsAreMeters() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        DecisionLog stuck = records -> {
            entered.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        DroolsEngine engine = Regla.builder().rulesDirectory(TestRules.dir()).meterRegistry(registry)
                .decisionLog(stuck).decisionLogCapacity(2).buildDrools();
        engine.decide("greeting", ANA, DecideOptions.at(MARCH));
        assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 5; i++) engine.decide("greeting", ANA, DecideOptions.at(MARCH));

        FunctionCounter dropped = registry.get("regla.decision.log.dropped").functionCounter();
        assertThat(dropped.count()).isEqualTo(3);
        assertThat(registry.get("regla.decision.log.queued").gauge().value()).isEqualTo(2);
        release.countDown();
        engine.close();
        assertThat(registry.get("regla.decision.log.written").functionCounter().count()).isEqualTo(3);
        assertThat(registry.get("regla.decision.log.failed").functionCounter().count()).isZero();
        assertThat(dropped.count()).isEqualTo(3);
    }

    @Test
    void withoutARegistryNoMeterIsTouched() {
        // the plain engine has no observer at all: decide takes the unobserved path
        try (DroolsEngine engine = Regla.builder().rulesDirectory(TestRules.dir()).buildDrools()) {
            assertThat(engine.decide("greeting", ANA, DecideOptions.at(MARCH)).actions()).hasSize(1);
            assertThat(engine.decisionLog()).isEmpty();
        }
    }
}
