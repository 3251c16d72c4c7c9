package io.regla.core.registry;

import io.regla.api.CompilationException;
import io.regla.api.DecideOptions;
import io.regla.api.Decision;
import io.regla.api.RuleSetInfo;
import io.regla.api.RulesEngine;
import io.regla.api.Version;
import io.regla.core.Regla;
import io.regla.core.TestRules;
import io.regla.core.compile.PrecompiledPackages;
import io.regla.core.compile.Precompiler;
import io.regla.core.decide.DroolsEngine;
import io.regla.core.testmodel.Greet;
import io.regla.core.testmodel.Person;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Start-up from the build-time index: versions are listed from it without reading their files, each version's
 * files are read and hashed at its first load, and a folder changed since the build is never served from its
 * artifact. A version that fails at first load fails only its own callers; concurrent first calls load it once.
 */
class StartupIndexTest {

    static final Instant MARCH = Instant.parse("2026-03-02T12:00:00Z");
    static final Instant JULY = Instant.parse("2026-07-02T12:00:00Z");
    static final List<Person> PEOPLE = List.of(
            new Person("P1", "Ana", 30, LocalDate.of(1996, 3, 2), Person.Tier.GOLD),
            new Person("P7", "Luis", 40, null, Person.Tier.BASIC));

    @TempDir
    Path tmp;

    private Path precompiled() {
        return TestRules.precompiledCopyTo(tmp);
    }

    private static List<String> greetings(RulesEngine engine, Instant at) {
        Decision d = engine.decide("greeting", PEOPLE, DecideOptions.at(at));
        return d.actions(Greet.class).stream().map(Greet::text).toList();
    }

    private static RuleSetInfo info(RulesEngine engine, String ruleSet, String version) {
        return engine.registry().versions(ruleSet).stream().filter(v -> v.version().equals(Version.parse(version))).findFirst().orElseThrow();
    }

    @Test
    void theBuildWritesAnIndexThatDescribesEveryVersionAsAFullReadDoes() {
        Path rules = precompiled();
        StartupIndex index = StartupIndex.read(rules);
        assertThat(index).isNotNull();
        assertThat(index.size()).isEqualTo(4);
        for (Path dir : RuleSource.directory(rules).versionFolders()) {
            RuleSetFolder read = RuleSetFolder.read(dir, "x");
            StartupIndex.Entry known = index.find(rules, dir);
            assertThat(known).as(dir.toString()).isNotNull();
            assertThat(known.checksum()).isEqualTo(read.checksum());
            assertThat(known.manifest()).isEqualTo(read.manifest());
            RuleSetFolder again = RuleSetFolder.readKnown(dir, "x", known);
            assertThat(again.checksum()).isEqualTo(read.checksum());
            assertThat(again.files().keySet()).isEqualTo(read.files().keySet());
        }
    }

    @Test
    void startUpTakesTheIndexAndReadsAVersionsFilesOnlyAtItsFirstLoad() throws IOException {
        Path rules = precompiled();
        // Proof that the index is what start-up reads: a forged description (same files, same checksum) is
        // what the registry shows, before and after the first load (unchanged files are not parsed again).
        StartupIndex index = StartupIndex.read(rules);
        List<RuleSetFolder> forged = new ArrayList<>();
        for (Path dir : RuleSource.directory(rules).versionFolders()) {
            RuleSetFolder f = RuleSetFolder.read(dir, "x");
            Manifest m = f.manifest();
            forged.add(new RuleSetFolder(f.ruleSet(), f.versionFolder(), f.location(), f.files(), index.find(rules, dir).checksum(),
                    new Manifest(m.id(), m.version(), m.effectiveFrom(), m.timeZone(), "from the index", m.changelog(), m.facts(),
                            m.data(), m.parent()), List.of(), dir));
        }
        StartupIndex.write(rules, forged);

        try (DroolsEngine engine = Regla.builder().rulesDirectory(rules).buildDrools()) {
            assertThat(engine.versionRegistry().compiler().compilations()).isZero();
            assertThat(info(engine, "greeting", "1.1.0").description()).isEqualTo("from the index");
            assertThat(greetings(engine, JULY)).containsExactlyInAnyOrder("Bienvenida Ana", "Hola Luis");
            RuleSetInfo loaded = info(engine, "greeting", "1.1.0");
            assertThat(loaded.state()).isEqualTo(RuleSetInfo.State.COMPILED);
            assertThat(loaded.description()).isEqualTo("from the index");
        }
        // without the index (system property off) the same folders are read and parsed at start
        System.setProperty("regla.startupIndex", "false");
        try (RulesEngine engine = Regla.builder().rulesDirectory(rules).build()) {
            assertThat(info(engine, "greeting", "1.1.0").description()).isNotEqualTo("from the index");
        } finally {
            System.clearProperty("regla.startupIndex");
        }
    }

    @Test
    void aFolderChangedSinceTheBuildIsCompiledFromItsFilesNotServedFromItsArtifact() throws IOException {
        Path rules = precompiled();
        Path dir = rules.resolve("greeting/1.1.0");
        String built = StartupIndex.read(rules).find(rules, dir).checksum();
        Path drl = dir.resolve("greeting.drl");
        Files.writeString(drl, Files.readString(drl).replace("\"Bienvenida \"", "\"Saludos \""));
        Path yaml = dir.resolve("ruleset.yaml");
        Files.writeString(yaml, Files.readString(yaml).replaceAll("description: .*", "description: cambiada"));
        String now = RuleSetFolder.read(dir, "x").checksum();

        try (RulesEngine engine = Regla.builder().rulesDirectory(rules).build()) {
            assertThat(info(engine, "greeting", "1.1.0").checksum()).as("before its first load: the index").isEqualTo(built);
            assertThat(greetings(engine, JULY)).containsExactlyInAnyOrder("Saludos Ana", "Hola Luis");
            RuleSetInfo loaded = info(engine, "greeting", "1.1.0");
            assertThat(loaded.checksum()).as("after: the files").isEqualTo(now);
            assertThat(loaded.description()).isEqualTo("cambiada");
            // the untouched version beside it still loads from its artifact and decides as before
            assertThat(greetings(engine, MARCH)).contains("Hola Ana", "Hola Luis");
        }
        assertThat(PrecompiledPackages.load(RuleSetFolder.read(dir, "x"), getClass().getClassLoader()).reason())
                .startsWith("stale artifact");
    }

    @Test
    void aVersionThatFailsAtItsFirstLoadFailsOnlyItsOwnCallersWithTheReason() throws IOException {
        Path rules = precompiled();
        Path drl = rules.resolve("greeting/1.1.0/greeting.drl");
        Files.writeString(drl, Files.readString(drl).replace("then", "then\n    this is not java;"));
        Path yaml = rules.resolve("discount/1.0.0/ruleset.yaml");
        Files.writeString(yaml, "id: discount\nversion: [unclosed\n");

        try (RulesEngine engine = Regla.builder().rulesDirectory(rules).build()) {
            assertThat(engine.registry().versions("greeting")).hasSize(2); // listed from the index: nothing read yet
            assertThatThrownBy(() -> greetings(engine, JULY)).isInstanceOf(CompilationException.class)
                    .hasMessageContaining("greeting").hasMessageContaining("1.1.0").hasMessageContaining("greeting.drl");
            assertThat(greetings(engine, MARCH)).contains("Hola Ana", "Hola Luis");
            assertThatThrownBy(() -> engine.decide("discount", PEOPLE, DecideOptions.at(JULY)))
                    .isInstanceOf(CompilationException.class).hasMessageContaining("ruleset.yaml");
            assertThat(info(engine, "discount", "1.0.0").state()).isEqualTo(RuleSetInfo.State.FAILED);
            // cached with its checksum: asking again says the same without compiling again
            assertThatThrownBy(() -> greetings(engine, JULY)).isInstanceOf(CompilationException.class);
            assertThat(greetings(engine, MARCH)).contains("Hola Ana", "Hola Luis");
        }
    }

    @Test
    void concurrentFirstCallsLoadAVersionOnce() throws Exception {
        Path rules = precompiled();
        int threads = 8;
        for (int round = 0; round < 3; round++) {
            try (DroolsEngine engine = Regla.builder().rulesDirectory(rules).buildDrools()) {
                CountDownLatch start = new CountDownLatch(1);
                ExecutorService pool = Executors.newFixedThreadPool(threads);
                try {
                    List<Future<List<String>>> calls = new ArrayList<>();
                    for (int i = 0; i < threads; i++) {
                        calls.add(pool.submit(() -> {
                            start.await();
                            return greetings(engine, JULY);
                        }));
                    }
                    start.countDown();
                    for (Future<List<String>> f : calls) {
                        assertThat(f.get(60, TimeUnit.SECONDS)).containsExactlyInAnyOrder("Bienvenida Ana", "Hola Luis");
                    }
                } finally {
                    pool.shutdownNow();
                }
                assertThat(engine.versionRegistry().compiler().compilations()).as("loads of greeting 1.1.0").isEqualTo(1);
            }
        }
    }

    @Test
    void aMissingOrForeignIndexMeansReadingEveryFolder() throws IOException {
        Path rules = precompiled();
        Files.writeString(StartupIndex.location(rules), "not an index");
        assertThat(StartupIndex.read(rules)).isNull();
        try (RulesEngine engine = Regla.builder().rulesDirectory(rules).build()) {
            assertThat(greetings(engine, JULY)).containsExactlyInAnyOrder("Bienvenida Ana", "Hola Luis");
        }
        Files.delete(StartupIndex.location(rules));
        try (RulesEngine engine = Regla.builder().rulesDirectory(rules).build()) {
            assertThat(greetings(engine, MARCH)).contains("Hola Ana", "Hola Luis");
        }
    }

    /** An index an older build wrote (format 2: data files without maxRows:), or a cut one, is ignored, never a crash. */
    @Test
    void anIndexOfAnOlderFormatOrCutShortIsIgnored() throws IOException {
        Path rules = precompiled();
        byte[] index = Files.readAllBytes(StartupIndex.location(rules));
        // after the magic (a UTF string: 2 bytes of length, then its bytes) comes the format number
        int format = 2 + "regla-startup-index".length();
        assertThat(java.nio.ByteBuffer.wrap(index, format, 4).getInt()).isEqualTo(3);
        byte[] older = index.clone();
        java.nio.ByteBuffer.wrap(older, format, 4).putInt(2);
        Files.write(StartupIndex.location(rules), older);
        assertThat(StartupIndex.read(rules)).isNull();
        try (RulesEngine engine = Regla.builder().rulesDirectory(rules).build()) {
            assertThat(greetings(engine, JULY)).containsExactlyInAnyOrder("Bienvenida Ana", "Hola Luis");
        }
        Files.write(StartupIndex.location(rules), java.util.Arrays.copyOf(index, index.length - 3));
        assertThat(StartupIndex.read(rules)).isNull();
        try (RulesEngine engine = Regla.builder().rulesDirectory(rules).build()) {
            assertThat(greetings(engine, MARCH)).contains("Hola Ana", "Hola Luis");
        }
    }

    @Test
    void anExtendingVersionIsIndexedWithItsChainAndReadBackAlike() throws IOException {
        Path rules = tmp.resolve("ext");
        String drl = """
                package rules.greeting;
                import io.regla.core.testmodel.Person;
                import io.regla.core.testmodel.Greet;
                rule "greet"
                when
                    $p : Person(age >= 18)
                then
                    insert(new Greet($p.id(), "%s " + $p.name()));
                end
                """;
        List<String> versions = List.of("1.0.0", "1.1.0", "1.2.0");
        for (int i = 0; i < versions.size(); i++) {
            String v = versions.get(i);
            Path d = Files.createDirectories(rules.resolve("greeting").resolve(v));
            String parent = i == 0 ? "" : "extends: " + versions.get(i - 1) + "\n";
            Files.writeString(d.resolve("ruleset.yaml"), "id: greeting\nversion: " + v + "\neffectiveFrom: 2026-01-0" + (i + 1)
                    + "\n" + parent);
            if (!v.equals("1.1.0")) Files.writeString(d.resolve("greeting.drl"), drl.formatted(v.equals("1.0.0") ? "Hola" : "Buenas"));
        }
        new Precompiler(getClass().getClassLoader(), new PrintStream(OutputStream.nullOutputStream())).precompile(rules);
        StartupIndex index = StartupIndex.read(rules);
        Path v12 = rules.resolve("greeting/1.2.0");
        assertThat(index.find(rules, v12).chain()).containsExactly("1.1.0", "1.0.0");
        assertThat(RuleSetFolder.readKnown(v12, "x", index.find(rules, v12)).checksum()).isEqualTo(RuleSetFolder.read(v12, "x").checksum());
        try (RulesEngine engine = Regla.builder().rulesDirectory(rules).build()) {
            assertThat(engine.decide("greeting", PEOPLE, DecideOptions.builder().version("1.1.0").build()).actions(Greet.class))
                    .extracting(Greet::text).contains("Hola Ana");
        }
        // a parent changed after the build is a change of its children: not served from their artifacts
        Files.writeString(rules.resolve("greeting/1.0.0/greeting.drl"), drl.formatted("Adios"));
        try (RulesEngine engine = Regla.builder().rulesDirectory(rules).build()) {
            assertThat(engine.decide("greeting", PEOPLE, DecideOptions.builder().version("1.1.0").build()).actions(Greet.class))
                    .extracting(Greet::text).contains("Adios Ana");
        }
    }
}
