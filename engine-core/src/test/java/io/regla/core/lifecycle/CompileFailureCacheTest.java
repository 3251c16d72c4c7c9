package io.regla.core.lifecycle;

import io.regla.api.CompilationException;
import io.regla.api.DecideOptions;
import io.regla.api.ReloadReport;
import io.regla.api.RuleSetInfo;
import io.regla.api.Version;
import io.regla.core.Regla;
import io.regla.core.TestRules;
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

/** A version that failed to compile is compiled again only when its files change. */
class CompileFailureCacheTest {

    static final Instant JULY = Instant.parse("2026-07-02T12:00:00Z");
    static final List<Person> ANA = List.of(new Person("P1", "Ana", 30, null, Person.Tier.GOLD));
    static final String BROKEN_RULE = "\nrule \"oops\" when Person( then end\n";

    private static long compilations(DroolsEngine engine) {
        return engine.versionRegistry().compiler().compilations();
    }

    private static String greeting(DroolsEngine engine) {
        return engine.decide("greeting", ANA, DecideOptions.at(JULY)).actions(Greet.class).get(0).text();
    }

    @Test
    void aVersionThatFailsOnFirstUseIsNotCompiledOnEveryCall(@TempDir Path tmp) throws Exception {
        Path rules = TestRules.copyTo(tmp);
        Path drl = rules.resolve("greeting/1.1.0/greeting.drl");
        String good = Files.readString(drl);
        Files.writeString(drl, good + BROKEN_RULE);
        try (DroolsEngine engine = Regla.builder().rulesDirectory(rules).buildDrools()) {
            for (int i = 0; i < 5; i++) {
                assertThatThrownBy(() -> engine.decide("greeting", ANA, DecideOptions.at(JULY)))
                        .isInstanceOfSatisfying(CompilationException.class, e ->
                                assertThat(e.errors()).anyMatch(err -> err.file().equals("greeting.drl")));
            }
            assertThat(compilations(engine)).isEqualTo(1);
            assertThat(engine.registry().resolve("greeting", null, JULY).state()).isEqualTo(RuleSetInfo.State.FAILED);

            // a reload with the same files compiles nothing
            assertThat(engine.registry().reload().isEmpty()).isTrue();
            assertThatThrownBy(() -> engine.decide("greeting", ANA, DecideOptions.at(JULY))).isInstanceOf(CompilationException.class);
            assertThat(compilations(engine)).isEqualTo(1);

            // other broken files: compiled once more, reported, still failing
            Files.writeString(drl, good + BROKEN_RULE + "// still broken\n");
            assertThat(engine.registry().reload().failed()).hasSize(1);
            assertThatThrownBy(() -> engine.decide("greeting", ANA, DecideOptions.at(JULY))).isInstanceOf(CompilationException.class);
            assertThat(compilations(engine)).isEqualTo(2);

            // fixed: served
            Files.writeString(drl, good);
            assertThat(engine.registry().reload().changed()).extracting(i -> i.version().toString()).containsExactly("1.1.0");
            assertThat(greeting(engine)).isEqualTo("Bienvenida Ana");
            assertThat(compilations(engine)).isEqualTo(3);
        }
    }

    @Test
    void aBrokenChangeIsCompiledOnceAndGoingBackServesTheKeptBuild(@TempDir Path tmp) throws Exception {
        Path rules = TestRules.copyTo(tmp);
        Path drl = rules.resolve("greeting/1.1.0/greeting.drl");
        String good = Files.readString(drl);
        try (DroolsEngine engine = Regla.builder().rulesDirectory(rules).buildDrools()) {
            assertThat(greeting(engine)).isEqualTo("Bienvenida Ana");
            long base = compilations(engine);

            Files.writeString(drl, good + BROKEN_RULE);
            assertThat(engine.registry().reload().failed()).hasSize(1);
            for (int i = 0; i < 3; i++) {
                assertThat(engine.registry().reload().isEmpty()).as("the same broken files are not reported again").isTrue();
                assertThat(greeting(engine)).isEqualTo("Bienvenida Ana");
            }
            assertThat(compilations(engine)).isEqualTo(base + 1);

            Files.writeString(drl, good); // back to the checksum that serves
            ReloadReport back = engine.registry().reload();
            assertThat(back.changed()).singleElement().satisfies(i -> assertThat(i.state()).isEqualTo(RuleSetInfo.State.COMPILED));
            assertThat(engine.registry().resolve("greeting", null, JULY).state()).isEqualTo(RuleSetInfo.State.COMPILED);
            assertThat(engine.registry().resolve("greeting", null, JULY).errors()).isEmpty();
            assertThat(greeting(engine)).isEqualTo("Bienvenida Ana");
            assertThat(compilations(engine)).isEqualTo(base + 1);
        }
    }

    @Test
    void filesThatComeBackToAReplacedBuildAreServedByItWithoutCompiling(@TempDir Path tmp) throws Exception {
        Path rules = TestRules.copyTo(tmp);
        Path drl = rules.resolve("greeting/1.1.0/greeting.drl");
        String good = Files.readString(drl);
        try (DroolsEngine engine = Regla.builder().rulesDirectory(rules).buildDrools()) {
            assertThat(greeting(engine)).isEqualTo("Bienvenida Ana");
            String checksum = engine.registry().resolve("greeting", null, JULY).checksum();
            long base = compilations(engine);

            Files.writeString(drl, good.replace("\"Bienvenida \"", "\"Hola de nuevo \""));
            engine.registry().reload();
            assertThat(greeting(engine)).isEqualTo("Hola de nuevo Ana");
            assertThat(compilations(engine)).isEqualTo(base + 1);

            Files.writeString(drl, good);
            assertThat(engine.registry().reload().changed()).hasSize(1);
            assertThat(greeting(engine)).isEqualTo("Bienvenida Ana");
            assertThat(engine.registry().resolve("greeting", null, JULY).checksum()).isEqualTo(checksum);
            assertThat(compilations(engine)).as("the replaced build was kept and revived").isEqualTo(base + 1);

            // removed and put back: the same
            Path v11 = rules.resolve("greeting/1.1.0");
            Path aside = Files.move(v11, Files.createTempDirectory("regla-aside").resolve("1.1.0")); // outside the rules root
            assertThat(engine.registry().reload().removed()).hasSize(1);
            Files.move(aside, v11);
            assertThat(engine.registry().reload().added()).hasSize(1);
            assertThat(greeting(engine)).isEqualTo("Bienvenida Ana");
            assertThat(compilations(engine)).isEqualTo(base + 1);
        }
    }

    @Test
    void aNewVersionThatFailsIsNotCompiledOnEveryReload(@TempDir Path tmp) throws Exception {
        Path rules = TestRules.copyTo(tmp);
        try (DroolsEngine engine = Regla.builder().rulesDirectory(rules).buildDrools()) {
            Path v12 = Files.createDirectories(rules.resolve("greeting/1.2.0"));
            Files.writeString(v12.resolve("ruleset.yaml"), "id: greeting\nversion: 1.2.0\neffectiveFrom: 2026-07-01T00:00:00Z\n");
            Files.writeString(v12.resolve("broken.drl"), "package rules.greeting;\nrule \"x\" when\n  Foo(\nthen end\n");
            assertThat(engine.registry().reload().failed()).hasSize(1);
            long after = compilations(engine);
            assertThat(engine.registry().reload().isEmpty()).isTrue();
            assertThat(engine.registry().reload().isEmpty()).isTrue();
            assertThat(compilations(engine)).isEqualTo(after);
            assertThat(engine.registry().versions("greeting")).filteredOn(i -> i.version().equals(Version.parse("1.2.0")))
                    .singleElement().satisfies(i -> assertThat(i.state()).isEqualTo(RuleSetInfo.State.FAILED));
            assertThat(engine.decide("greeting", ANA, DecideOptions.at(JULY)).version()).hasToString("1.1.0");
        }
    }
}
