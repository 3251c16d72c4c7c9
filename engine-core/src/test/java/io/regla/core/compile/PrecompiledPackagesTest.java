package io.regla.core.compile;

import io.regla.api.DecideOptions;
import io.regla.api.Decision;
import io.regla.api.RulesEngine;
import io.regla.api.Version;
import io.regla.core.Regla;
import io.regla.core.TestRules;
import io.regla.core.registry.RuleSetFolder;
import io.regla.core.testmodel.Greet;
import io.regla.core.testmodel.Person;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Build-time compiled rule sets: served only while they match their folder, and then they decide alike. */
class PrecompiledPackagesTest {

    static final Instant MARCH = Instant.parse("2026-03-02T12:00:00Z");
    static final Instant JULY = Instant.parse("2026-07-02T12:00:00Z");
    static final List<Person> PEOPLE = List.of(
            new Person("P1", "Ana", 30, LocalDate.of(1996, 3, 2), Person.Tier.GOLD),
            new Person("P7", "Luis", 40, null, Person.Tier.BASIC),
            new Person("P8", "Eva", 12, null, null));

    static final ClassLoader LOADER = PrecompiledPackagesTest.class.getClassLoader();

    @Test
    void everyTestVersionLoadsFromItsArtifactAndDecidesLikeTheDrl(@TempDir Path tmp) throws Exception {
        Path rules = TestRules.copyTo(tmp);
        List<Precompiler.Written> written = precompile(rules);
        assertThat(written).extracting(Precompiler.Written::location).hasSize(4)
                .allMatch(l -> l.contains("greeting/1.0.0") || l.contains("greeting/1.1.0")
                        || l.contains("discount/1.0.0") || l.contains("loop/1.0.0"));
        for (Precompiler.Written w : written) {
            assertThat(w.artifact()).isRegularFile();
            Path dir = w.artifact().getParent().getParent();
            PrecompiledPackages.Lookup lookup = PrecompiledPackages.load(RuleSetFolder.read(dir, w.location()), LOADER);
            assertThat(lookup.reason()).as(w.location()).isNull();
            assertThat(lookup.kieBase().getKiePackages()).isNotEmpty();
        }
        try (RulesEngine fromArtifacts = Regla.builder().rulesDirectory(rules).maxFirings(500).build();
             RulesEngine fromDrl = Regla.builder().rulesDirectory(rules).precompiled(false).build()) {
            for (String ruleSet : List.of("greeting", "discount")) {
                for (Instant at : List.of(MARCH, JULY)) {
                    DecideOptions options = DecideOptions.at(at);
                    Decision a = fromArtifacts.decide(ruleSet, PEOPLE, options);
                    Decision d = fromDrl.decide(ruleSet, PEOPLE, options);
                    assertThat(a.actions()).as("%s at %s", ruleSet, at).isNotEmpty().containsExactlyElementsOf(d.actions());
                    assertThat(a.trace().firings()).extracting(f -> f.rule() + f.facts())
                            .containsExactlyElementsOf(d.trace().firings().stream().map(f -> f.rule() + f.facts()).toList());
                }
                assertThat(fromArtifacts.registry().rules(ruleSet, null)).isEqualTo(fromDrl.registry().rules(ruleSet, null));
            }
            // the loop guard works on a loaded KieBase too
            assertThatThrownBy(() -> fromArtifacts.decide("loop", PEOPLE, DecideOptions.at(MARCH)))
                    .hasMessageContaining("loop 1.0.0 fired more than 500 rules without settling");
        }
    }

    @Test
    void anArtifactWithTheFolderChecksumIsWhatServes(@TempDir Path tmp) throws Exception {
        // Proves the engine really loads the artifact: one compiled from other rules but stamped with this
        // folder's checksum decides the other rules' way. (Only a forged artifact can do that.)
        Path rules = TestRules.copyTo(tmp);
        Path dir = rules.resolve("greeting/1.1.0");
        Path drl = dir.resolve("greeting.drl");
        String original = Files.readString(drl);
        String checksum = RuleSetFolder.read(dir, "greeting/1.1.0").checksum();
        Files.writeString(drl, original.replace("\"Bienvenida \"", "\"Saludos \""));
        byte[][] packages = new byte[1][];
        assertThat(new RuleSetCompiler(LOADER, 1, io.regla.core.observe.EngineObserver.NONE, false, false)
                .compileFiles(RuleSetFolder.read(dir, "greeting/1.1.0"), b -> packages[0] = b).ok()).isTrue();
        Files.writeString(drl, original);
        PrecompiledPackages.write(dir, checksum, packages[0]);

        try (RulesEngine engine = Regla.builder().rulesDirectory(rules).build()) {
            assertThat(greetings(engine)).containsExactlyInAnyOrder("Saludos Ana", "Hola Luis");
        }
        try (RulesEngine engine = Regla.builder().rulesDirectory(rules).precompiled(false).build()) {
            assertThat(greetings(engine)).containsExactlyInAnyOrder("Bienvenida Ana", "Hola Luis");
        }
    }

    @Test
    void aStaleArtifactIsNeverServed(@TempDir Path tmp) throws Exception {
        Path rules = TestRules.copyTo(tmp);
        precompile(rules);
        Path drl = rules.resolve("greeting/1.1.0/greeting.drl");
        try (RulesEngine engine = Regla.builder().rulesDirectory(rules).build()) {
            assertThat(greetings(engine)).containsExactlyInAnyOrder("Bienvenida Ana", "Hola Luis");

            // the DRL changes after the build: the engine compiles the DRL, on reload and in a fresh engine
            Files.writeString(drl, Files.readString(drl).replace("\"Bienvenida \"", "\"Saludos \""));
            assertThat(engine.registry().reload().changed()).hasSize(1);
            assertThat(greetings(engine)).containsExactlyInAnyOrder("Saludos Ana", "Hola Luis");
        }
        try (RulesEngine engine = Regla.builder().rulesDirectory(rules).build()) {
            assertThat(greetings(engine)).containsExactlyInAnyOrder("Saludos Ana", "Hola Luis");
        }
        PrecompiledPackages.Lookup lookup = PrecompiledPackages.load(
                RuleSetFolder.read(rules.resolve("greeting/1.1.0"), "greeting/1.1.0"), LOADER);
        assertThat(lookup.hit()).isFalse();
        assertThat(lookup.reason()).startsWith("stale artifact: compiled from checksum");

        // a file added beside the DRL changes the checksum as well
        Path other = rules.resolve("greeting/1.0.0");
        Files.writeString(other.resolve("notes.txt"), "not a rule file, still part of the version");
        assertThat(PrecompiledPackages.load(RuleSetFolder.read(other, "greeting/1.0.0"), LOADER).reason()).startsWith("stale artifact");
    }

    @Test
    void anUnreadableArtifactFallsBackToTheDrl(@TempDir Path tmp) throws Exception {
        Path rules = TestRules.copyTo(tmp);
        precompile(rules);
        Path dir = rules.resolve("greeting/1.1.0");
        Path artifact = PrecompiledPackages.location(dir);
        byte[] bytes = Files.readAllBytes(artifact);
        Files.write(artifact, java.util.Arrays.copyOf(bytes, bytes.length / 2)); // truncated

        PrecompiledPackages.Lookup lookup = PrecompiledPackages.load(RuleSetFolder.read(dir, "greeting/1.1.0"), LOADER);
        assertThat(lookup.hit()).isFalse();
        assertThat(lookup.reason()).contains("does not load");
        Files.writeString(artifact, "garbage");
        assertThat(PrecompiledPackages.load(RuleSetFolder.read(dir, "greeting/1.1.0"), LOADER).reason()).contains("does not load");
        try (RulesEngine engine = Regla.builder().rulesDirectory(rules).build()) {
            assertThat(greetings(engine)).containsExactlyInAnyOrder("Bienvenida Ana", "Hola Luis");
        }
    }

    @Test
    void theArtifactIsNotPartOfTheFolderChecksum(@TempDir Path tmp) {
        Path rules = TestRules.copyTo(tmp);
        Path dir = rules.resolve("discount/1.0.0");
        String before = RuleSetFolder.read(dir, "d").checksum();
        precompile(rules);
        assertThat(RuleSetFolder.read(dir, "d").checksum()).isEqualTo(before);
        assertThat(RuleSetFolder.read(dir, "d").files()).doesNotContainKey(".compiled/packages.bin");
    }

    @Test
    void aVersionThatDoesNotCompileFailsTheBuildNamingFileAndLine(@TempDir Path tmp) throws Exception {
        Path rules = TestRules.copyTo(tmp);
        Path drl = rules.resolve("greeting/1.0.0/greeting.drl");
        Files.writeString(drl, Files.readString(drl).replace("$p : Person(age >= 18)", "$p : Person(age >= )"));
        assertThatThrownBy(() -> precompile(rules))
                .hasMessageContaining("greeting/1.0.0 does not compile")
                .hasMessageContaining("greeting.drl:");
        assertThat(PrecompiledPackages.location(rules.resolve("greeting/1.0.0"))).doesNotExist();
    }

    private static List<Precompiler.Written> precompile(Path rules) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        return new Precompiler(LOADER, new PrintStream(out, true, StandardCharsets.UTF_8)).precompile(rules);
    }

    private static List<String> greetings(RulesEngine engine) {
        Decision d = engine.decide("greeting", PEOPLE, DecideOptions.builder().asOf(JULY).version(Version.parse("1.1.0")).build());
        return d.actions(Greet.class).stream().map(Greet::text).toList();
    }
}
