package io.regla.core.registry;

import io.regla.api.CompilationException;
import io.regla.api.DecideOptions;
import io.regla.api.RulesEngine;
import io.regla.api.Version;
import io.regla.core.Regla;
import io.regla.core.testmodel.Greet;
import io.regla.core.testmodel.Person;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code extends: <version>} in ruleset.yaml: a version made of its parent's files, overridden by name. */
class ExtendsTest {

    static final List<Person> ANA = List.of(new Person("P1", "Ana", 30, null, Person.Tier.GOLD));

    @TempDir
    Path dir;

    private static final String RULES = """
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

    private void version(String v, String extra, String greeting) throws IOException {
        Path d = Files.createDirectories(dir.resolve("greeting").resolve(v));
        Files.writeString(d.resolve("ruleset.yaml"), "id: greeting\nversion: " + v + "\neffectiveFrom: 2026-01-01\n" + extra);
        if (greeting != null) Files.writeString(d.resolve("greeting.drl"), RULES.formatted(greeting));
    }

    private static String greeting(RulesEngine engine, String version) {
        return engine.decide("greeting", ANA, DecideOptions.builder().version(version).build())
                .actions(Greet.class).get(0).text();
    }

    @Test
    void aChildIsItsParentsFilesOverriddenByName() throws IOException {
        version("1.0.0", "", "Hola");
        version("1.1.0", "extends: 1.0.0\n", null);          // inherits greeting.drl
        version("1.2.0", "extends: 1.1.0\n", "Bienvenida");   // a chain, overriding the file by name
        RuleSetFolder inherited = RuleSetFolder.read(dir.resolve("greeting/1.1.0"), "test");
        assertThat(inherited.errors()).isEmpty();
        assertThat(inherited.files()).containsOnlyKeys("ruleset.yaml", "greeting.drl");
        assertThat(new String(inherited.files().get("ruleset.yaml"))).contains("1.1.0");
        try (RulesEngine engine = Regla.builder().rulesDirectory(dir).build()) {
            assertThat(greeting(engine, "1.0.0")).isEqualTo("Hola Ana");
            assertThat(greeting(engine, "1.1.0")).isEqualTo("Hola Ana");
            assertThat(greeting(engine, "1.2.0")).isEqualTo("Bienvenida Ana");
        }
    }

    @Test
    void theChecksumCoversTheResolvedFilesSoAParentsChangeIsTheChildsChange() throws IOException {
        version("1.0.0", "", "Hola");
        version("1.1.0", "extends: 1.0.0\n", null);
        String before = RuleSetFolder.read(dir.resolve("greeting/1.1.0"), "test").checksum();
        Files.writeString(dir.resolve("greeting/1.0.0/greeting.drl"), RULES.formatted("Buenas"));
        RuleSetFolder after = RuleSetFolder.read(dir.resolve("greeting/1.1.0"), "test");
        assertThat(after.checksum()).isNotEqualTo(before);
        assertThat(new String(after.files().get("greeting.drl"))).contains("Buenas");
    }

    @Test
    void aMissingParentACycleOrALaterParentAreErrorsNamingTheManifest() throws IOException {
        version("1.0.0", "extends: 0.9.0\n", "Hola");
        assertThat(RuleSetFolder.read(dir.resolve("greeting/1.0.0"), "test").errors())
                .anySatisfy(e -> assertThat(e.toString()).contains("ruleset.yaml").contains("no version folder 0.9.0"));
        version("2.0.0", "extends: 3.0.0\n", "Hola");
        assertThat(RuleSetFolder.read(dir.resolve("greeting/2.0.0"), "test").errors())
                .anySatisfy(e -> assertThat(e.toString()).contains("3.0.0 is not an earlier version than 2.0.0"));
        try (RulesEngine engine = Regla.builder().rulesDirectory(dir).build()) {
            assertThatThrownBy(() -> engine.registry().compile("greeting", Version.parse("1.0.0")))
                    .isInstanceOf(CompilationException.class).hasMessageContaining("0.9.0");
        }
    }
}
