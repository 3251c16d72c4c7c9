package io.regla.rules.advising;

import io.regla.core.check.TableCheck;
import io.regla.core.registry.RuleSetFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The advising table check as {@code regla check} finds and runs it (ServiceLoader). */
class RoutesTableCheckTest {

    private static TableCheck installed() {
        return TableCheck.installed().stream().filter(c -> c instanceof RoutesTableCheck).findFirst().orElseThrow();
    }

    @Test
    void theBundledTableHasNoErrorsAndAConflictIsOne(@TempDir Path tmp) throws Exception {
        Path bundled = Path.of("advising/1.0.0");
        List<TableCheck.Finding> ok = installed().check(RuleSetFolder.read(bundled, bundled.toString()), Path.of("advising"),
                Instant.parse("2025-03-01T12:00:00Z")).orElseThrow();
        assertThat(ok).noneMatch(TableCheck.Finding::error);

        Path copy = Files.createDirectories(tmp.resolve("advising/1.0.0"));
        try (var files = Files.list(bundled)) {
            for (Path f : (Iterable<Path>) files::iterator) Files.copy(f, copy.resolve(f.getFileName()));
        }
        String table = Files.readString(copy.resolve("faculty-routes.csv"));
        Files.writeString(copy.resolve("faculty-routes.csv"), table.stripTrailing()
                + "\n\"JURISPRUDENCIA, otra.persona@example.edu.co, Otra Persona\"\n");
        List<TableCheck.Finding> bad = installed().check(RuleSetFolder.read(copy, copy.toString()), tmp.resolve("advising"),
                Instant.parse("2025-03-01T12:00:00Z")).orElseThrow();
        assertThat(bad).anyMatch(f -> f.error() && f.text().contains("ADVISOR_CONFLICT") && f.text().contains("faculty-routes.csv:"));
    }

    @Test
    void itDoesNotApplyToAVersionWithoutTheTable(@TempDir Path tmp) throws Exception {
        Path v = Files.createDirectories(tmp.resolve("other/1.0.0"));
        Files.writeString(v.resolve("ruleset.yaml"), "id: other\nversion: 1.0.0\neffectiveFrom: 2025-01-01\n");
        assertThat(installed().check(RuleSetFolder.read(v, v.toString()), tmp.resolve("other"), Instant.now())).isEmpty();
    }
}
