package io.regla.core.lifecycle;

import io.regla.api.DecideOptions;
import io.regla.api.Decision;
import io.regla.api.RuleSetInfo;
import io.regla.core.Regla;
import io.regla.core.TestRules;
import io.regla.core.decide.DroolsEngine;
import io.regla.core.testmodel.Person;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reload invariant (issue 8): N threads decide while versions are changed, added, broken, fixed and
 * removed at random, each change followed by a reload. No call fails, and every decision equals what a
 * fresh engine on a version that served during the call decides.
 */
class ReloadProperties {

    static final Instant MARCH = Instant.parse("2026-03-02T12:00:00Z");
    static final String BROKEN = "\nrule \"oops\" when Person( then end\n";

    /** What serves: a version and the variant of its rules. */
    record Serving(String version, int variant) {
    }

    /** Reference engines, one per version and variant, each on a folder of its own that never changes. */
    static final Map<Serving, DroolsEngine> REFERENCES = new ConcurrentHashMap<>();

    @AfterContainer
    static void closeReferences() {
        REFERENCES.values().forEach(DroolsEngine::close);
    }

    static String drl(int variant) {
        return """
                package rules.swap;
                import io.regla.core.testmodel.Person;
                import io.regla.core.testmodel.Greet;
                rule "greet-%d"
                when
                    $p : Person(age >= %d)
                then
                    Thread.sleep(1); // slow rules keep calls in flight while reloads retire their builds
                    insert(new Greet($p.id(), "v%d " + $p.name()));
                end
                """.formatted(variant, 18 + 10 * variant, variant);
    }

    static void writeVersion(Path root, String version, String drl) throws Exception {
        Path v = Files.createDirectories(root.resolve("swap/" + version));
        Files.writeString(v.resolve("ruleset.yaml"), "id: swap\nversion: " + version + "\neffectiveFrom: "
                + (version.equals("1.0.0") ? "2026-01-01" : "2026-02-01") + "\nstrict: false\n");
        Files.writeString(v.resolve("swap.drl"), drl);
    }

    static Decision reference(Serving s, List<Person> facts) {
        DroolsEngine e = REFERENCES.computeIfAbsent(s, k -> {
            try {
                Path dir = Files.createTempDirectory("regla-ref");
                writeVersion(dir, k.version(), drl(k.variant()));
                return Regla.builder().rulesDirectory(dir).buildDrools();
            } catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        });
        return e.decide("swap", facts, DecideOptions.at(MARCH));
    }

    /** One change to the rule files: set1/add2 carry the variant to write. */
    record Change(String kind, int variant) {
        @Override
        public String toString() {
            return kind + (kind.equals("set1") || kind.equals("add2") ? ":" + variant : "");
        }
    }

    @Provide
    Arbitrary<List<Change>> changes() {
        return Combinators.combine(Arbitraries.of("set1", "break1", "add2", "break2", "remove2"), Arbitraries.integers().between(0, 2))
                .as(Change::new).list().ofMinSize(4).ofMaxSize(10);
    }

    @Provide
    Arbitrary<List<List<Person>>> factLists() {
        Arbitrary<Person> person = Combinators.combine(Arbitraries.integers().between(1, 99), Arbitraries.integers().between(0, 60))
                .as((id, age) -> new Person("P" + id, "N" + id, age, null, null));
        return person.list().ofMinSize(1).ofMaxSize(6).uniqueElements(Person::id).list().ofMinSize(1).ofMaxSize(3);
    }

    /** A decision and the window of serving states it may have run on. */
    record Outcome(int facts, int fromEpoch, int toEpoch, Decision decision, RuntimeException failure) {
    }

    @Property(tries = 6)
    void threadsDecidingThroughRandomReloadsLoseNothing(@ForAll("changes") List<Change> changes,
                                                       @ForAll("factLists") List<List<Person>> factLists,
                                                       @ForAll @IntRange(min = 2, max = 4) int threads) throws Exception {
        Path root = Files.createTempDirectory("regla-swap");
        writeVersion(root, "1.0.0", drl(0));
        List<Serving> history = new CopyOnWriteArrayList<>(List.of(new Serving("1.0.0", 0)));
        AtomicInteger epoch = new AtomicInteger();
        ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        try (DroolsEngine engine = Regla.builder().rulesDirectory(root).sessionPoolSize(1).buildDrools()) {
            List<Thread> deciders = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t;
                Thread th = new Thread(() -> {
                    for (int i = offset; !stop.get(); i++) {
                        int facts = i % factLists.size();
                        int from = epoch.get();
                        Decision d = null;
                        RuntimeException failure = null;
                        try {
                            d = engine.decide("swap", factLists.get(facts), DecideOptions.at(MARCH));
                        } catch (RuntimeException e) {
                            failure = e;
                        }
                        outcomes.add(new Outcome(facts, from, epoch.get() + 1, d, failure));
                    }
                });
                th.start();
                deciders.add(th);
            }
            int v1 = 0;
            Integer v2 = null; // the variant 2.0.0 serves, or null when it does not serve
            for (Change c : changes) {
                Path drl2 = root.resolve("swap/2.0.0/swap.drl");
                switch (c.kind()) {
                    case "set1" -> {
                        writeVersion(root, "1.0.0", drl(c.variant()));
                        v1 = c.variant();
                    }
                    case "break1" -> writeVersion(root, "1.0.0", drl(v1) + BROKEN);
                    case "add2" -> {
                        writeVersion(root, "2.0.0", drl(c.variant()));
                        v2 = c.variant();
                    }
                    // a broken 2.0.0 never replaces the 2.0.0 that serves; a new broken one is not served
                    case "break2" -> writeVersion(root, "2.0.0", (Files.exists(drl2) ? Files.readString(drl2) : "") + BROKEN);
                    case "remove2" -> {
                        if (Files.exists(drl2)) TestRules.deleteTree(drl2.getParent());
                        v2 = null;
                    }
                    default -> throw new IllegalArgumentException(c.kind());
                }
                engine.registry().reload();
                Serving now = v2 != null ? new Serving("2.0.0", v2) : new Serving("1.0.0", v1);
                RuleSetInfo resolved = engine.registry().resolve("swap", null, MARCH);
                assertThat(resolved.version()).as("after " + c).hasToString(now.version());
                history.add(now);
                epoch.set(history.size() - 1);
                Thread.sleep(5);
            }
            Thread.sleep(20);
            stop.set(true);
            for (Thread th : deciders) th.join(60_000);
        } finally {
            TestRules.deleteTree(root);
        }

        assertThat(outcomes).isNotEmpty();
        List<String> failed = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        for (Outcome o : outcomes) {
            if (o.failure() != null) {
                failed.add(o.failure().toString());
                continue;
            }
            List<Serving> candidates = history.subList(o.fromEpoch(), Math.min(o.toEpoch(), history.size() - 1) + 1);
            boolean matches = candidates.stream().anyMatch(s -> reference(s, factLists.get(o.facts())).equals(o.decision()));
            if (!matches) wrong.add(o.decision() + " not among " + candidates);
        }
        assertThat(failed).as("failed calls of " + outcomes.size()).isEmpty();
        assertThat(wrong).as("wrong decisions of " + outcomes.size()).isEmpty();
    }
}
