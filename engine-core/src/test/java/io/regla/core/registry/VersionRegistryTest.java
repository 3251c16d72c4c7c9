package io.regla.core.registry;

import io.regla.api.CompilationException;
import io.regla.api.DecideOptions;
import io.regla.api.Decision;
import io.regla.api.ReloadReport;
import io.regla.api.RuleSetInfo;
import io.regla.api.RuleSetNotFoundException;
import io.regla.api.RulesEngine;
import io.regla.api.Version;
import io.regla.core.Regla;
import io.regla.core.TestRules;
import io.regla.core.testmodel.Greet;
import io.regla.core.testmodel.Person;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VersionRegistryTest {

    static final Instant MARCH = Instant.parse("2026-03-02T12:00:00Z");
    static final Instant JULY = Instant.parse("2026-07-02T12:00:00Z");
    static final List<Person> ANA = List.of(new Person("P1", "Ana", 30, null, Person.Tier.GOLD));

    @Test
    void picksTheVersionEffectiveAtTheInstantOrThePinnedOne() {
        try (RulesEngine engine = TestRules.engine()) {
            assertThat(engine.registry().resolve("greeting", null, MARCH).version()).hasToString("1.0.0");
            assertThat(engine.registry().resolve("greeting", null, JULY).version()).hasToString("1.1.0");
            // 1.1.0 is effective from 2026-06-01 in America/Santiago (UTC-4 in June)
            assertThat(engine.registry().resolve("greeting", null, Instant.parse("2026-06-01T03:59:59Z")).version()).hasToString("1.0.0");
            assertThat(engine.registry().resolve("greeting", null, Instant.parse("2026-06-01T04:00:00Z")).version()).hasToString("1.1.0");
            assertThat(engine.registry().resolve("greeting", Version.parse("1.0.0"), JULY).version()).hasToString("1.0.0");
            assertThat(engine.registry().versions("greeting")).extracting(RuleSetInfo::checksum).allMatch(c -> c.length() == 64);
        }
    }

    @Test
    void explainsWhatIsMissing() {
        try (RulesEngine engine = TestRules.engine()) {
            assertThatThrownBy(() -> engine.registry().resolve("greetings", null, MARCH))
                    .isInstanceOf(RuleSetNotFoundException.class).hasMessageContaining("unknown rule set 'greetings'; known: discount, greeting");
            assertThatThrownBy(() -> engine.registry().resolve("greeting", Version.parse("9.0.0"), MARCH))
                    .hasMessageContaining("greeting has no version 9.0.0; versions: 1.0.0, 1.1.0");
            assertThatThrownBy(() -> engine.registry().resolve("greeting", null, Instant.parse("2020-01-01T00:00:00Z")))
                    .hasMessageContaining("no version of greeting is effective at 2020-01-01T00:00:00Z");
        }
    }

    @Test
    void compilesLazilyOncePerVersion() {
        try (RulesEngine engine = TestRules.engine()) {
            assertThat(engine.registry().versions("greeting")).extracting(RuleSetInfo::state).containsOnly(RuleSetInfo.State.NOT_COMPILED);
            engine.decide("greeting", ANA, DecideOptions.at(MARCH));
            assertThat(engine.registry().versions("greeting")).extracting(RuleSetInfo::state)
                    .containsExactly(RuleSetInfo.State.COMPILED, RuleSetInfo.State.NOT_COMPILED);
        }
    }

    @Test
    void aBrokenChangeNeverReplacesTheServingBuild(@TempDir Path tmp) throws Exception {
        Path rules = TestRules.copyTo(tmp);
        try (RulesEngine engine = Regla.builder().rulesDirectory(rules).build()) {
            Decision before = engine.decide("greeting", ANA, DecideOptions.at(JULY));
            assertThat(before.actions(Greet.class)).extracting(Greet::text).containsExactly("Bienvenida Ana");

            Path drl = rules.resolve("greeting/1.1.0/greeting.drl");
            Files.writeString(drl, Files.readString(drl).replace("then\n    insert(new Greet($p.id(), \"Bienvenida \"", "then\n    insert(new Greet($p.id(), \"Bienvenida \" +"));
            ReloadReport report = engine.registry().reload();
            assertThat(report.failed()).singleElement().satisfies(f -> {
                assertThat(f.version()).hasToString("1.1.0");
                assertThat(f.errors()).isNotEmpty().allSatisfy(e -> {
                    assertThat(e.file()).isEqualTo("greeting.drl");
                    assertThat(e.line()).isPositive();
                });
            });
            assertThat(engine.decide("greeting", ANA, DecideOptions.at(JULY))).isEqualTo(before);
            assertThat(engine.registry().resolve("greeting", Version.parse("1.1.0"), JULY).state()).isEqualTo(RuleSetInfo.State.FAILED);

            Files.writeString(drl, Files.readString(drl).replace("\"Bienvenida \" +", "\"¡Bienvenida! \""));
            ReloadReport fixed = engine.registry().reload();
            assertThat(fixed.changed()).extracting(i -> i.version().toString()).containsExactly("1.1.0");
            assertThat(engine.decide("greeting", ANA, DecideOptions.at(JULY)).actions(Greet.class))
                    .extracting(Greet::text).containsExactly("¡Bienvenida! Ana");
        }
    }

    @Test
    void anEditedDecisionTableIsServedAfterReloadNotTheFirstOneCompiledInThisJvm(@TempDir Path tmp) throws Exception {
        // Drools' decision-table provider is a JVM-wide singleton caching generated DRL by source path: the compiler must
        // not let an edited table (same file name) compile as the first one did
        Path rules = TestRules.copyTo(tmp);
        try (RulesEngine engine = Regla.builder().rulesDirectory(rules).build()) {
            assertThat(engine.decide("discount", ANA, DecideOptions.at(MARCH)).actions(Greet.class))
                    .extracting(Greet::text).contains("adult");
            Path table = rules.resolve("discount/1.0.0/age-bands.csv");
            Files.writeString(table, Files.readString(table).replace("\"18,65\",adult", "\"18,65\",grown-up"));
            assertThat(engine.registry().reload().changed()).extracting(i -> i.id()).contains("discount");
            assertThat(engine.decide("discount", ANA, DecideOptions.at(MARCH)).actions(Greet.class))
                    .extracting(Greet::text).contains("grown-up").doesNotContain("adult");
        }
        // and a second engine in the same JVM on the original table still gets the original
        try (RulesEngine engine = TestRules.engine()) {
            assertThat(engine.decide("discount", ANA, DecideOptions.at(MARCH)).actions(Greet.class))
                    .extracting(Greet::text).contains("adult");
        }
    }

    @Test
    void aNewVersionThatFailsIsNotServedAndAGoodOneIsAdded(@TempDir Path tmp) throws Exception {
        Path rules = TestRules.copyTo(tmp);
        try (RulesEngine engine = Regla.builder().rulesDirectory(rules).build()) {
            Path v12 = Files.createDirectories(rules.resolve("greeting/1.2.0"));
            Files.writeString(v12.resolve("ruleset.yaml"), "id: greeting\nversion: 1.2.0\neffectiveFrom: 2026-07-01T00:00:00Z\n");
            Files.writeString(v12.resolve("broken.drl"), "package rules.greeting;\nrule \"x\" when\n  Foo(\nthen end\n");
            ReloadReport r = engine.registry().reload();
            assertThat(r.failed()).extracting(i -> i.version().toString()).containsExactly("1.2.0");
            assertThat(engine.decide("greeting", ANA, DecideOptions.at(JULY)).version()).hasToString("1.1.0");

            Files.writeString(v12.resolve("broken.drl"), """
                    package rules.greeting;
                    import io.regla.core.testmodel.Person;
                    import io.regla.core.testmodel.Greet;
                    rule "greet-all" when $p : Person() then insert(new Greet($p.id(), "hey")); end
                    """);
            ReloadReport r2 = engine.registry().reload();
            assertThat(r2.added()).extracting(i -> i.version().toString()).containsExactly("1.2.0");
            assertThat(engine.decide("greeting", ANA, DecideOptions.at(JULY)).version()).hasToString("1.2.0");

            TestRules.deleteTree(v12);
            assertThat(engine.registry().reload().removed()).extracting(i -> i.version().toString()).containsExactly("1.2.0");
            assertThat(engine.decide("greeting", ANA, DecideOptions.at(JULY)).version()).hasToString("1.1.0");
        }
    }

    @Test
    void watchingReloadsAfterAnEdit(@TempDir Path tmp) throws Exception {
        Path rules = TestRules.copyTo(tmp);
        try (RulesEngine engine = Regla.builder().rulesDirectory(rules).watch(true).build()) {
            CountDownLatch reloaded = new CountDownLatch(1);
            AtomicReference<ReloadReport> seen = new AtomicReference<>();
            engine.registry().onReload(r -> {
                seen.set(r);
                reloaded.countDown();
            });
            Path drl = rules.resolve("greeting/1.1.0/greeting.drl");
            Files.writeString(drl, Files.readString(drl).replace("\"Bienvenida \"", "\"Hola de nuevo \""));
            assertThat(reloaded.await(20, TimeUnit.SECONDS)).as("watcher reloaded").isTrue();
            assertThat(seen.get().changed()).extracting(i -> i.version().toString()).containsExactly("1.1.0");
            assertThat(engine.decide("greeting", ANA, DecideOptions.at(JULY)).actions(Greet.class))
                    .extracting(Greet::text).containsExactly("Hola de nuevo Ana");
        }
    }

    @Test
    void aVersionRenamedIntoPlaceIsServedAndItsStagingFolderNeverIs(@TempDir Path tmp) throws Exception {
        Path rules = TestRules.copyTo(tmp);
        try (RulesEngine engine = Regla.builder().rulesDirectory(rules).watch(true).build()) {
            java.util.concurrent.BlockingQueue<ReloadReport> reloads = new java.util.concurrent.LinkedBlockingQueue<>();
            engine.registry().onReload(reloads::add);
            // 1.2.0 copied into a dot folder first, as a deployment does: no reload may read it half-written
            Path staging = stagedVersion(rules, "1.2.0");
            assertThat(engine.registry().reload().isEmpty()).as("the staging folder is not a version").isTrue();
            java.nio.file.Files.move(staging, rules.resolve("greeting/1.2.0"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            ReloadReport report = reloads.poll(30, TimeUnit.SECONDS);
            assertThat(report).as("the watcher reloaded after the rename").isNotNull();
            assertThat(report.added()).extracting(i -> i.version().toString()).containsExactly("1.2.0");
            assertThat(report.failed()).isEmpty();
            assertThat(engine.registry().versions("greeting")).extracting(i -> i.version().toString())
                    .containsExactly("1.0.0", "1.1.0", "1.2.0");
        }
    }

    @Test
    void theRescanFindsAChangeNoFileSystemEventReported(@TempDir Path tmp) throws Exception {
        Path rules = TestRules.copyTo(tmp);
        try (io.regla.core.decide.DroolsEngine engine = Regla.builder().rulesDirectory(rules).buildDrools();
             // no events registered: a file system that delivers none (a network share, some container mounts)
             DirectoryWatcher rescanOnly = DirectoryWatcher.start(engine.versionRegistry(), java.time.Duration.ofMillis(200), false)) {
            java.util.concurrent.BlockingQueue<ReloadReport> reloads = new java.util.concurrent.LinkedBlockingQueue<>();
            engine.registry().onReload(reloads::add);
            Path drl = rules.resolve("greeting/1.1.0/greeting.drl");
            Files.writeString(drl, Files.readString(drl).replace("\"Bienvenida \"", "\"Hola de nuevo \""));
            ReloadReport report = reloads.poll(30, TimeUnit.SECONDS);
            assertThat(report).as("the rescan saw the edit").isNotNull();
            assertThat(report.changed()).extracting(i -> i.version().toString()).containsExactly("1.1.0");
            assertThat(engine.decide("greeting", ANA, DecideOptions.at(JULY)).actions(Greet.class))
                    .extracting(Greet::text).containsExactly("Hola de nuevo Ana");
            assertThat(reloads.poll(1, TimeUnit.SECONDS)).as("nothing changed since: no second report").isNull();
        }
    }

    /** {@code greeting/1.1.0} copied as {@code version} into the staging folder {@code greeting/.<version>.tmp}. */
    private static Path stagedVersion(Path rules, String version) throws java.io.IOException {
        Path staging = Files.createDirectories(rules.resolve("greeting/." + version + ".tmp"));
        Path from = rules.resolve("greeting/1.1.0");
        Files.copy(from.resolve("greeting.drl"), staging.resolve("greeting.drl"));
        Files.writeString(staging.resolve("ruleset.yaml"), Files.readString(from.resolve("ruleset.yaml"))
                .replace("version: 1.1.0", "version: " + version).replace("2026-06-01", "2026-09-01"));
        return staging;
    }

    @Test
    void manifestProblemsAreReportedOnTheManifest(@TempDir Path tmp) throws Exception {
        Path v = Files.createDirectories(tmp.resolve("shop/1.0.0"));
        Files.writeString(v.resolve("ruleset.yaml"), "id: shopping\nversion: 1.0.1\neffectiveFrom: someday\ncolour: red\n");
        Files.writeString(v.resolve("a.drl"), "package p;\n");
        try (RulesEngine engine = Regla.builder().rulesDirectory(tmp).build()) {
            RuleSetInfo info = engine.registry().versions("shop").get(0);
            assertThat(info.state()).isEqualTo(RuleSetInfo.State.FAILED);
            assertThat(info.errors()).extracting(Object::toString).allMatch(s -> s.startsWith("ruleset.yaml:"))
                    .anyMatch(s -> s.contains("unknown key 'colour'"))
                    .anyMatch(s -> s.contains("id 'shopping' differs from its folder 'shop'"))
                    .anyMatch(s -> s.contains("version '1.0.1' differs from its folder '1.0.0'"))
                    .anyMatch(s -> s.contains("effectiveFrom: 'someday'"));
            assertThatThrownBy(() -> engine.decide("shop", List.of(), DecideOptions.at(MARCH)))
                    .isInstanceOf(RuleSetNotFoundException.class).hasMessageContaining("not usable");
        }
    }

    @Test
    void compileErrorsCarryFileLineAndColumn(@TempDir Path tmp) throws Exception {
        Path v = Files.createDirectories(tmp.resolve("bad/1.0.0"));
        Files.writeString(v.resolve("ruleset.yaml"), "id: bad\nversion: 1.0.0\neffectiveFrom: 2026-01-01\n");
        Files.writeString(v.resolve("bad.drl"), """
                package rules.bad;
                import io.regla.core.testmodel.Person;

                rule "typo"
                when
                    $p : Person(agee > 3)
                then
                end
                """);
        Files.writeString(v.resolve("notes.csv"), "a,b\n1,2\n");
        try (RulesEngine engine = Regla.builder().rulesDirectory(tmp).build()) {
            assertThatThrownBy(() -> engine.registry().compile("bad", Version.parse("1.0.0")))
                    .isInstanceOfSatisfying(CompilationException.class, e -> {
                        assertThat(e.errors()).anyMatch(err -> err.file().equals("bad.drl") && err.line() == 6 && err.message().contains("agee"));
                        assertThat(e.errors()).anyMatch(err -> err.file().equals("notes.csv") && err.message().contains("neither a decision table"));
                    });
        }
    }
}
