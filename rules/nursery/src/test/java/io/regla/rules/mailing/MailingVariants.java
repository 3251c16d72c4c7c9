package io.regla.rules.mailing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * A variant of the module's mailing versions (under {@code src/test/.variants/<name>}): what an analyst's edit of a
 * version folder gives, tried on a copy so the shipped folders stay as they are.
 */
final class MailingVariants {

    private MailingVariants() {
    }

    /** Copies the module's mailing versions (not their scenarios) into {@code rules}, then the variant's files over them. */
    static Path lay(Path variant, Path rules) throws IOException {
        return overlay(variant, shipped(rules));
    }

    /** Copies the module's mailing versions, as shipped, without their scenarios. */
    static Path shipped(Path rules) throws IOException {
        copy(Path.of("mailing"), rules.resolve("mailing"), false);
        return rules;
    }

    /** Lays the variant's mailing files over a copy (an analyst's edit of a served folder). */
    static Path overlay(Path variant, Path rules) throws IOException {
        copy(variant.resolve("mailing"), rules.resolve("mailing"), true);
        return rules;
    }

    private static void copy(Path from, Path to, boolean overlay) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            walk.filter(Files::isRegularFile).forEach(f -> {
                Path target = to.resolve(from.relativize(f).toString());
                if (!overlay && f.toString().contains("scenarios")) {
                    return;
                }
                try {
                    Files.createDirectories(target.getParent());
                    Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
