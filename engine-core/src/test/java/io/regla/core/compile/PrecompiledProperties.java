package io.regla.core.compile;

import io.regla.api.DecideOptions;
import io.regla.api.Decision;
import io.regla.api.RuleSetInfo;
import io.regla.api.RulesEngine;
import io.regla.core.Regla;
import io.regla.core.TestRules;
import io.regla.core.registry.RuleSetFolder;
import io.regla.core.testmodel.Greet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The invariant of build-time compilation: whatever happens to a version folder after its artifact was
 * written, the engine decides exactly as if it compiled the folder's current files; the artifact serves
 * only while the folder is unchanged; an engine started from the build-time index describes the version by its
 * current files once it has loaded it.
 */
class PrecompiledProperties {

    static Path built;

    @BeforeContainer
    static void precompileOnce() throws IOException {
        built = TestRules.copyTo(Files.createTempDirectory("regla-precompiled"));
        new Precompiler(PrecompiledProperties.class.getClassLoader(), new PrintStream(OutputStream.nullOutputStream()))
                .precompile(built);
    }

    @AfterContainer
    static void clean() throws IOException {
        TestRules.deleteTree(built);
    }

    /** Something an analyst (or a careless copy) may do to a version folder after the build. */
    sealed interface Edit permits Rename, Comment, ExtraFile, Describe, Nothing {
        void apply(Path dir) throws IOException;
    }

    record Rename(String word) implements Edit {
        public void apply(Path dir) throws IOException {
            Path drl = dir.resolve("greeting.drl");
            Files.writeString(drl, Files.readString(drl).replace("\"Bienvenida \"", "\"" + word + " \""));
        }
    }

    record Comment(String text) implements Edit {
        public void apply(Path dir) throws IOException {
            Files.writeString(dir.resolve("greeting.drl"), "\n// " + text + "\n", StandardOpenOption.APPEND);
        }
    }

    record ExtraFile(String name) implements Edit {
        public void apply(Path dir) throws IOException {
            Files.writeString(dir.resolve(name + ".txt"), "notes");
        }
    }

    record Describe(String text) implements Edit {
        public void apply(Path dir) throws IOException {
            Path yaml = dir.resolve("ruleset.yaml");
            Files.writeString(yaml, Files.readString(yaml).replaceAll("description: .*", "description: " + text));
        }
    }

    record Nothing() implements Edit {
        public void apply(Path dir) {
        }
    }

    @Provide
    Arbitrary<List<Edit>> edits() {
        Arbitrary<String> word = Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(10);
        Arbitrary<Edit> edit = Arbitraries.oneOf(
                word.map(Rename::new), word.map(Comment::new), word.map(ExtraFile::new), word.map(Describe::new),
                Arbitraries.just(new Nothing()));
        return edit.list().ofMaxSize(3);
    }

    @Property(tries = 12)
    void anEditedFolderDecidesLikeItsFiles(@ForAll("edits") List<Edit> edits) throws IOException {
        Path rules = copy(built, Files.createTempDirectory("regla-edited"));
        try {
            Path dir = rules.resolve("greeting/1.1.0");
            String builtChecksum = RuleSetFolder.read(dir, "greeting/1.1.0").checksum();
            for (Edit e : edits) e.apply(dir);
            RuleSetFolder folder = RuleSetFolder.read(dir, "greeting/1.1.0");
            PrecompiledPackages.Lookup lookup = PrecompiledPackages.load(folder, getClass().getClassLoader());
            assertThat(lookup.hit()).as("served iff unchanged").isEqualTo(folder.checksum().equals(builtChecksum));

            try (RulesEngine engine = Regla.builder().rulesDirectory(rules).build();
                 RulesEngine fromFiles = Regla.builder().rulesDirectory(rules).precompiled(false).build()) {
                assertThat(texts(engine)).containsExactlyInAnyOrderElementsOf(texts(fromFiles));
                // started from the build-time index, once loaded the version is described by its current files
                RuleSetInfo indexed = info(engine), read = info(fromFiles);
                assertThat(indexed.checksum()).isEqualTo(read.checksum()).isEqualTo(folder.checksum());
                assertThat(indexed.description()).isEqualTo(read.description());
                assertThat(indexed.effectiveFrom()).isEqualTo(read.effectiveFrom());
            }
        } finally {
            TestRules.deleteTree(rules);
        }
    }

    private static RuleSetInfo info(RulesEngine engine) {
        return engine.registry().versions("greeting").stream().filter(v -> v.version().toString().equals("1.1.0")).findFirst().orElseThrow();
    }

    private static List<String> texts(RulesEngine engine) {
        Decision d = engine.decide("greeting", PrecompiledPackagesTest.PEOPLE,
                DecideOptions.builder().asOf(PrecompiledPackagesTest.JULY).version("1.1.0").build());
        return d.actions(Greet.class).stream().map(Greet::text).toList();
    }

    private static Path copy(Path src, Path target) {
        try (Stream<Path> walk = Files.walk(src)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path to = target.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(to);
                else Files.copy(p, to);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }
}
