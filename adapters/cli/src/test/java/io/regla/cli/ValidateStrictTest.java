package io.regla.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ValidateStrictTest {

    private static Path version(Path root, boolean strictInManifest) throws Exception {
        Path v = Files.createDirectories(root.resolve("exit/1.0.0"));
        Files.writeString(v.resolve("ruleset.yaml"), "id: exit\nversion: 1.0.0\neffectiveFrom: 2026-01-01\n"
                + (strictInManifest ? "" : "strict: false\n"));
        Files.writeString(v.resolve("exit.drl"), """
                package rules.exit;

                import io.regla.core.testmodel.Person;

                rule "exit"
                when
                    Person()
                then
                    System.exit(3);
                end
                """);
        return v;
    }

    @Test
    void aFolderIsStrictByDefault(@TempDir Path tmp) throws Exception {
        version(tmp, true);
        CliRun r = CliRun.of("validate", tmp.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("exit.drl:9:5: strict: rule \"exit\": calls System.exit(..)");
    }

    @Test
    void strictFlagOverridesStrictFalse(@TempDir Path tmp) throws Exception {
        version(tmp, false);
        assertThat(CliRun.of("validate", tmp.toString()).exit()).isZero();
        CliRun strict = CliRun.of("validate", "--strict", tmp.resolve("exit").toString());
        assertThat(strict.exit()).isEqualTo(1);
        assertThat(strict.out()).contains("exit.drl:9:5: strict:").contains("System.exit");
    }
}
