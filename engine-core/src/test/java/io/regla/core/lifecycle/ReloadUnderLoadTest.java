package io.regla.core.lifecycle;

import io.regla.api.DecideOptions;
import io.regla.api.Decision;
import io.regla.api.RulesEngine;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Four threads decide while the serving version's files change and the registry reloads 40 times. */
class ReloadUnderLoadTest {

    static final Instant JULY = Instant.parse("2026-07-02T12:00:00Z");

    @Test
    void reloadingUnderLoadLosesNoDecision(@TempDir Path tmp) throws Exception {
        Path rules = TestRules.copyTo(tmp);
        Path drl = rules.resolve("greeting/1.1.0/greeting.drl");
        String original = Files.readString(drl);
        List<Person> people = new ArrayList<>();
        for (int i = 0; i < 40; i++) people.add(new Person("P" + i, "N" + i, 20 + i, null, Person.Tier.GOLD));
        Set<String> expectedTexts = Set.of("Bienvenida N0", "Saludos N0");

        List<CompiledRuleSet> replaced = new ArrayList<>();
        try (DroolsEngine engine = Regla.builder().rulesDirectory(rules).sessionPoolSize(1).buildDrools()) {
            engine.decide("greeting", people, DecideOptions.at(JULY));
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger decisions = new AtomicInteger();
            ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
            List<Thread> deciders = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Thread th = new Thread(() -> {
                    while (!stop.get()) {
                        try {
                            Decision d = engine.decide("greeting", people, DecideOptions.at(JULY));
                            List<Greet> greets = d.actions(Greet.class);
                            if (greets.size() != people.size() || !expectedTexts.contains(greets.get(0).text())) {
                                problems.add("wrong decision: " + greets.size() + " greetings " + (greets.isEmpty() ? "" : greets.get(0)));
                            }
                            decisions.incrementAndGet();
                            // leave the reloading thread some CPU (2 cores here); calls still overlap every reload
                            java.util.concurrent.locks.LockSupport.parkNanos(500_000);
                        } catch (RuntimeException e) {
                            problems.add("failed: " + e);
                        }
                    }
                }, "decider-" + t);
                th.start();
                deciders.add(th);
            }
            for (int i = 0; i < 40; i++) {
                replaced.add(engine.versionRegistry().compiledFor("greeting", null, JULY));
                // new files every time (the comment), so every reload compiles and retires a build
                Files.writeString(drl, (i % 2 == 0 ? original.replace("\"Bienvenida \"", "\"Saludos \"") : original)
                        + "\n// reload " + i + "\n");
                assertThat(engine.registry().reload().changed()).hasSize(1);
                Thread.sleep(5);
            }
            stop.set(true);
            for (Thread th : deciders) th.join(30_000);
            assertThat(decisions.get()).isPositive();
            assertThat(problems).as("failed or wrong decisions out of " + decisions.get()).isEmpty();
            // every replaced build was drained once its last call returned: its sessions are all disposed
            assertThat(replaced).hasSize(40).allSatisfy(c -> {
                assertThat(c.drained()).isTrue();
                assertThat(c.liveSessions()).isZero();
            });
            CompiledRuleSet serving = engine.versionRegistry().compiledFor("greeting", null, JULY);
            assertThat(serving.drained()).isFalse();
            assertThat(replaced).doesNotContain(serving);
        }
    }
}
