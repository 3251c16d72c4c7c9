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

    private static Path extracted;

    /** The test rule sets as a directory (extracted to a temporary folder when they sit in the test jar). */
    public static synchronized Path dir() {
        try {
            java.net.URI uri = TestRules.class.getResource("/testrules").toURI();
            if (!"jar".equals(uri.getScheme())) return Path.of(uri);
            if (extracted == null) {
                java.nio.file.FileSystem fs;
                try {
                    fs = java.nio.file.FileSystems.newFileSystem(uri, java.util.Map.of());
                } catch (java.nio.file.FileSystemAlreadyExistsException e) {
                    fs = java.nio.file.FileSystems.getFileSystem(uri);
                }
                Path tmp = Files.createTempDirectory("regla-testrules");
                tmp.toFile().deleteOnExit();
                extracted = copy(fs.provider().getPath(uri), tmp);
            }
            return extracted;
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static DroolsEngine engine() {
        return Regla.builder().rulesDirectory(dir()).buildDrools();
    }

    /** Copies the test rule sets into {@code target} so a test can edit them. */
    public static Path copyTo(Path target) {
        return copy(dir(), target);
    }

    /** Copies the test rule sets into {@code target} and compiles them there as the build does (artifacts + start-up index). */
    public static Path precompiledCopyTo(Path target) {
        Path rules = copyTo(target);
        new io.regla.core.compile.Precompiler(TestRules.class.getClassLoader(),
                new java.io.PrintStream(java.io.OutputStream.nullOutputStream())).precompile(rules);
        return rules;
    }

    private static Path copy(Path src, Path target) {
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

    /** Deletes a folder and everything below it. */
    public static void deleteTree(Path p) throws IOException {
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path x : (Iterable<Path>) walk.sorted(java.util.Comparator.reverseOrder())::iterator) Files.delete(x);
        }
    }
}
