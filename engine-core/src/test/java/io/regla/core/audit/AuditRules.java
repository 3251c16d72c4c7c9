package io.regla.core.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A one-rule set that copies personal data into its action, written to a temporary folder. */
final class AuditRules {

    private AuditRules() {
    }

    static Path dir() {
        try {
            Path root = Files.createTempDirectory("regla-auditrules");
            Path v = Files.createDirectories(root.resolve("notice").resolve("1.0.0"));
            Files.writeString(v.resolve("ruleset.yaml"), """
                    id: notice
                    version: 1.0.0
                    effectiveFrom: 2026-01-01T00:00:00Z
                    timeZone: UTC
                    description: Writes to every VIP customer
                    changelog:
                      - first version
                    """);
            Files.writeString(v.resolve("notice.drl"), """
                    package rules.notice;

                    import io.regla.core.audit.Customer;
                    import io.regla.core.audit.Notice;

                    rule "notice-vip"
                    when
                        $c : Customer(segment == "VIP")
                    then
                        insert(new Notice($c.email(), $c.id(), "Hola " + $c.name() + " (" + $c.email() + ")"));
                    end
                    """);
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
