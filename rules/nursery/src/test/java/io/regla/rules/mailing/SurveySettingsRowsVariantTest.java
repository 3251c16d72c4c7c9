package io.regla.rules.mailing;

import io.regla.api.CompilationException;
import io.regla.api.CompileError;
import io.regla.api.DecideOptions;
import io.regla.api.RuleSetInfo;
import io.regla.api.RulesEngine;
import io.regla.api.Version;
import io.regla.core.Regla;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A second row in mailing 1.2.0's {@code survey-settings.csv} (the rules read it as one setting) is refused when the
 * version compiles, naming the file and the extra row's line ({@code maxRows: 1} in its ruleset.yaml), so
 * {@code regla check} and the watcher's reload reject it instead of the nightly mail run failing on it.
 */
class SurveySettingsRowsVariantTest {

    private static final Path VARIANT = Path.of("src/test/.variants/survey-two-rows");
    private static final Version V120 = Version.parse("1.2.0");
    private static final Instant IN_FORCE = Instant.parse("2026-12-15T12:00:00Z");

    @TempDir
    Path rules;

    @Test
    void twoRowsAreACompileErrorNamingTheFileAndTheLine() throws IOException {
        MailingVariants.lay(VARIANT, rules);
        assertThat(Files.readAllLines(rules.resolve("mailing/1.2.0/survey-settings.csv"))).hasSize(3);
        try (RulesEngine engine = Regla.builder().rulesDirectory(rules).build()) {
            assertThatThrownBy(() -> engine.registry().compile("mailing", V120))
                    .isInstanceOfSatisfying(CompilationException.class, e -> assertThat(e.errors())
                            .extracting(CompileError::file, CompileError::line)
                            .containsExactly(org.assertj.core.groups.Tuple.tuple("survey-settings.csv", 3)))
                    .hasMessageContaining("survey-settings.csv: 2 rows, at most 1 allowed (maxRows: 1 in ruleset.yaml)");
            // the versions it extends do not read the table: they still compile
            assertThat(engine.registry().compile("mailing", Version.parse("1.1.0")).state()).isEqualTo(RuleSetInfo.State.COMPILED);
        }
    }

    @Test
    void aReloadWithASecondRowIsRefusedAndTheShippedBuildKeepsServing() throws IOException {
        MailingVariants.shipped(rules);
        try (RulesEngine engine = Regla.builder().rulesDirectory(rules).build()) {
            DecideOptions at = DecideOptions.at(IN_FORCE);
            assertThat(engine.decide("mailing", List.of(), at).version()).isEqualTo(V120);
            String served = checksum(engine);
            MailingVariants.overlay(VARIANT, rules);
            assertThat(engine.registry().reload().failed()).extracting(RuleSetInfo::id, RuleSetInfo::version)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("mailing", V120));
            assertThat(engine.decide("mailing", List.of(), at).version()).isEqualTo(V120);
            assertThat(checksum(engine)).as("the build that compiled still serves").isEqualTo(served);
        }
    }

    private static String checksum(RulesEngine engine) {
        return engine.registry().versions("mailing").stream().filter(v -> V120.equals(v.version())).findFirst().orElseThrow().checksum();
    }
}
