package io.regla.core;

import io.regla.core.decide.DroolsEngine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** The test rule sets, and writable copies of them for reload tests. */
public final class TestRules {

    private TestRules() {
    }

    public static Path dir() {
        try {
            return Path.of(TestRules.class.getResource("/testrules").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static DroolsEngine engine() {
        return Regla.builder().rulesDirectory(dir()).buildDrools();
    }

    /** Copies the test rule sets into {@code target} so a test can edit them. */
    public static Path copyTo(Path target) {
        Path src = dir();
        try (Stream<Path> walk = Files.walk(src)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path to = target.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(to);
                else Files.copy(p, to, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }
}
