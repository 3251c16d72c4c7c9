package io.regla.core.compile.strict;

import io.regla.api.CompilationException;
import io.regla.api.CompileError;
import io.regla.api.Decision;
import io.regla.api.RulesEngine;
import io.regla.core.Regla;
import io.regla.core.compile.RuleSetCompiler;
import io.regla.core.observe.EngineObserver;
import io.regla.core.registry.RuleSetFolder;
import io.regla.core.testmodel.Greet;
import io.regla.core.testmodel.Person;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StrictProfileTest {

    static Path root() {
        try {
            return Path.of(StrictProfileTest.class.getResource("/strictrules").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static RuleSetCompiler.Result compile(String ruleSet, StrictSettings settings) {
        RuleSetFolder folder = RuleSetFolder.read(root().resolve(ruleSet).resolve("1.0.0"), "test/" + ruleSet);
        return new RuleSetCompiler(StrictProfileTest.class.getClassLoader(), 0, EngineObserver.NONE, false, false, settings)
                .compile(folder);
    }

    /** Each refused construct: rule folder, line, column, a fragment of the message naming the offending call. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "system-exit       | 9  | 5  | System.exit",
            "reflection        | 9  | 16 | Class.forName",
            "get-class         | 10 | 31 | getClass",
            "file-io           | 9  | 5  | java.nio.file.Files.writeString",
            "thread            | 9  | 9  | Thread",
            "process           | 9  | 9  | ProcessBuilder",
            "eval              | 8  | 5  | eval(",
            "kie-runtime       | 9  | 5  | drools.getKieRuntime",
            "import-io         | 4  | 1  | import java.io.File",
            "constraint-static | 7  | 12 | System.getenv",
            "unknown-type      | 9  | 12 | new java.util.Scanner",
            "function-body     | 6  | 12 | System.getProperty",
    })
    void refusesWithFileLineColumnAndTheCall(String ruleSet, int line, int column, String call) {
        RuleSetCompiler.Result result = compile(ruleSet, StrictSettings.DEFAULT.withHelpers(Set.of(Adulthood.class)));
        assertThat(result.ok()).isFalse();
        CompileError first = result.errors().get(0);
        assertThat(first.message()).startsWith("strict:").contains(call);
        assertThat(first.file()).isEqualTo("rules.drl");
        assertThat(first.line()).isEqualTo(line);
        assertThat(first.column()).isEqualTo(column);
    }

    @Test
    void theSameFoldersCompileWhenNotStrict() {
        for (String ruleSet : List.of("system-exit", "get-class", "import-io", "constraint-static", "eval")) {
            assertThat(compile(ruleSet, new StrictSettings(StrictSettings.Mode.MANIFEST, Set.of())).errors())
                    .as(ruleSet).isEmpty();
        }
    }

    @Test
    void aStrictVersionWithAnAllowedHelperCompiles() {
        assertThat(compile("allowed", StrictSettings.DEFAULT.withHelpers(Set.of(Adulthood.class))).errors()).isEmpty();
    }

    @Test
    void aHelperTheHostDidNotAllowIsRefused() {
        RuleSetCompiler.Result result = compile("allowed", StrictSettings.DEFAULT);
        assertThat(result.ok()).isFalse();
        assertThat(result.errors()).extracting(CompileError::message)
                .anyMatch(m -> m.contains("Adulthood.isAdult") && m.contains("allowHelpers"));
    }

    @Test
    void aRefusedVersionNeverServesAndAnAllowedOneDecides() {
        try (RulesEngine engine = Regla.builder().rulesDirectory(root()).allowHelpers(Adulthood.class).build()) {
            Person ana = new Person("P1", "Ana", 30, LocalDate.of(1996, 1, 1), null);
            Decision decision = engine.decide("allowed", List.of(ana, new Person("P2", "Bo", 9, null, null)));
            assertThat(decision.actions()).containsExactly(new Greet("P1", "hola ANA 1"));
            assertThatThrownBy(() -> engine.decide("system-exit", List.of(ana)))
                    .isInstanceOf(CompilationException.class).hasMessageContaining("System.exit");
        }
    }

    /** Code outside consequences and constraints: rule attributes and declared fields' defaults are expressions too. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "'rule \"r\" salience (System.exit(1) == null ? 1 : 2) when Person() then end'           | salience System.exit",
            "'rule \"r\" enabled (Boolean.valueOf(System.getenv(\"X\"))) when Person() then end'     | enabled System.getenv",
            "'declare Seen\\n  at : String = System.getProperty(\"user.home\")\\nend'                 | declare Seen.at",
            "'rule \"r\" when Person() then Object d = drools; end'                                  | drools may only be used",
            "'rule \"r\" when $p : Person() then modify($p) { setName(System.getenv(\"X\")) }; end' | System.getenv",
    })
    void attributesDeclaredDefaultsAndTheRuleContextAreCheckedToo(String drl, String named) {
        List<CompileError> errors = new StrictProfile(Set.of(Person.class), Set.of())
                .check(java.util.Map.of("rules.drl", "package p;\nimport io.regla.core.testmodel.Person;\n" + drl.replace("\\n", "\n")));
        assertThat(errors).extracting(CompileError::message).anyMatch(m -> m.startsWith("strict:") && m.contains(named.split(" ")[0])
                && m.contains(named.substring(named.indexOf(' ') + 1)));
    }

    @Test
    void aModifyBlockOnlyChangesTheModifiedFact() {
        String drl = """
                package p;
                import io.regla.core.testmodel.Person;
                rule "birthday"
                when
                    $p : Person(age < 100)
                then
                    modify($p) { setAge($p.age() + 1), setName("a, b (c)") };
                    modify( $p ){
                        setName(String.valueOf(1))
                    }
                end
                """;
        assertThat(new StrictProfile(Set.of(Person.class), Set.of()).check(java.util.Map.of("rules.drl", drl))).isEmpty();
    }
}
