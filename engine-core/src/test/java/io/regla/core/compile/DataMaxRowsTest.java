package io.regla.core.compile;

import io.regla.api.CompilationException;
import io.regla.api.CompileError;
import io.regla.api.DecideOptions;
import io.regla.api.RuleSetInfo;
import io.regla.api.RulesEngine;
import io.regla.api.Version;
import io.regla.core.Regla;
import io.regla.core.TestRules;
import io.regla.core.registry.Manifest;
import io.regla.core.registry.RuleSetFolder;
import io.regla.core.registry.StartupIndex;
import io.regla.core.testmodel.Greet;
import io.regla.core.testmodel.Person;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code maxRows} on a {@code data:} entry: a reference table with more rows than the rules can read is refused when
 * the version compiles, naming the file and the first extra row's line, not when the first decision reads it.
 * discount 1.0.0 of the test rules lists {@code vips.csv}, two rows.
 */
class DataMaxRowsTest {

    static final Version V1 = Version.parse("1.0.0");
    static final Instant MARCH = Instant.parse("2026-03-02T12:00:00Z");
    static final List<Person> LUIS = List.of(new Person("P7", "Luis", 40, null, Person.Tier.BASIC));

    @TempDir
    Path tmp;
    private int copies;

    /** The test rules with discount 1.0.0's data entry given {@code option} ({@code maxRows: 1}). */
    private Path rulesWith(String option) throws IOException {
        Path rules = TestRules.copyTo(tmp.resolve("rules-" + ++copies));
        Path manifest = rules.resolve("discount/1.0.0/ruleset.yaml");
        String entry = "{file: vips.csv, type: io.regla.core.testmodel.Vip}";
        String text = Files.readString(manifest);
        assertThat(text).contains(entry);
        Files.writeString(manifest, text.replace(entry, entry.replace("}", ", " + option + "}")));
        return rules;
    }

    /** discount 1.0.0's compile errors (none when it compiles). */
    private static List<CompileError> errors(Path rules) {
        try (RulesEngine engine = Regla.builder().rulesDirectory(rules).build()) {
            assertThat(engine.registry().compile("discount", V1).state()).isEqualTo(RuleSetInfo.State.COMPILED);
            return List.of();
        } catch (CompilationException e) {
            return e.errors();
        }
    }

    @Test
    void moreRowsThanMaxRowsIsACompileErrorNamingTheFileAndTheFirstExtraLine() throws IOException {
        List<CompileError> errors = errors(rulesWith("maxRows: 1"));
        assertThat(errors).hasSize(1);
        CompileError e = errors.get(0);
        assertThat(e.file()).isEqualTo("vips.csv");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.message()).isEqualTo("vips.csv: 2 rows, at most 1 allowed (maxRows: 1 in ruleset.yaml); row 2 (line 3) is one too many");
    }

    @Test
    void asManyOrFewerRowsCompileAndDecideAsWithoutTheOption() throws IOException {
        for (String option : List.of("maxRows: 2", "maxRows: 3")) {
            Path rules = rulesWith(option);
            try (RulesEngine engine = Regla.builder().rulesDirectory(rules).build()) {
                assertThat(engine.registry().compile("discount", V1).state()).as(option).isEqualTo(RuleSetInfo.State.COMPILED);
                assertThat(engine.decide("discount", LUIS, DecideOptions.at(MARCH)).actions(Greet.class)).as(option)
                        .extracting(Greet::text).contains("vip-1");
            }
        }
    }

    @Test
    void aBadMaxRowsOrAMisspeltOptionIsAManifestError() throws IOException {
        for (String option : List.of("maxRows: 0", "maxRows: -1", "maxRows: one", "maxRows: 1.5", "maxRows: '1'")) {
            String got = option.substring("maxRows: ".length()).replace("'", "");
            assertThat(errors(rulesWith(option))).as(option).extracting(CompileError::file, CompileError::message).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("ruleset.yaml",
                            "data[0] (vips.csv): maxRows: expected a whole number of 1 or more, got '" + got + "'"));
        }
        assertThat(errors(rulesWith("maxrows: 1"))).extracting(CompileError::message)
                .containsExactly("data[0] (vips.csv): unknown key 'maxrows'; known keys: [file, maxRows, type]");
    }

    @Test
    void aReloadThatAddsARowPastMaxRowsIsRefusedAndTheServingBuildStays() throws IOException {
        Path rules = rulesWith("maxRows: 2");
        try (RulesEngine engine = Regla.builder().rulesDirectory(rules).build()) {
            assertThat(engine.decide("discount", LUIS, DecideOptions.at(MARCH)).actions(Greet.class)).extracting(Greet::text).contains("vip-1");
            Path vips = rules.resolve("discount/1.0.0/vips.csv");
            Files.writeString(vips, Files.readString(vips).replace("P7,1", "P7,5") + "P9,3\n");
            assertThat(engine.registry().reload().failed()).extracting(RuleSetInfo::id).containsExactly("discount");
            assertThat(engine.decide("discount", LUIS, DecideOptions.at(MARCH)).actions(Greet.class)).extracting(Greet::text)
                    .as("the build that compiled still serves").contains("vip-1").doesNotContain("vip-5");
        }
    }

    @Test
    void theStartupIndexKeepsMaxRows() throws IOException {
        Path rules = rulesWith("maxRows: 2");
        new Precompiler(TestRules.class.getClassLoader(), new java.io.PrintStream(java.io.OutputStream.nullOutputStream())).precompile(rules);
        Path dir = rules.resolve("discount/1.0.0");
        StartupIndex.Entry entry = StartupIndex.read(rules).find(rules, dir);
        assertThat(entry.manifest().data()).containsExactly(new Manifest.DataFile("vips.csv", "io.regla.core.testmodel.Vip", 2));
        assertThat(entry.manifest()).isEqualTo(RuleSetFolder.read(dir, "x").manifest());
    }
}
