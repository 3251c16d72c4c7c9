package io.regla.core.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A root holding rule sets as {@code <rule-set>/<version>/ruleset.yaml}: a directory, or the
 * {@code rules/} folder of the classpath (bundled rule sets, inside a jar or not).
 *
 * @param root      the folder that holds one sub-folder per rule set
 * @param label     how messages name it
 * @param watchable whether changes on disk should trigger a reload
 */
public record RuleSource(Path root, String label, boolean watchable) {

    /** The folder on the classpath that bundled rule sets live in. */
    public static final String CLASSPATH_ROOT = "rules";

    public static RuleSource directory(Path dir) {
        return new RuleSource(dir.toAbsolutePath().normalize(), dir.toString(), true);
    }

    /** Every {@code rules/} folder on the class loader's classpath. */
    public static List<RuleSource> classpath(ClassLoader loader) {
        List<RuleSource> out = new ArrayList<>();
        try {
            Enumeration<URL> urls = loader.getResources(CLASSPATH_ROOT);
            for (URL url : Collections.list(urls)) {
                URI uri = url.toURI();
                Path root;
                if ("jar".equals(uri.getScheme())) {
                    try {
                        root = FileSystems.newFileSystem(uri, Map.of()).provider().getPath(uri);
                    } catch (FileSystemAlreadyExistsException e) {
                        root = FileSystems.getFileSystem(uri).provider().getPath(uri);
                    }
                } else {
                    root = Path.of(uri);
                }
                if (Files.isDirectory(root)) out.add(new RuleSource(root, "classpath:" + CLASSPATH_ROOT + " (" + url + ")", false));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list bundled rule sets", e);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** The version folders below this root: {@code <id>/<version>/} holding a {@code ruleset.yaml}. */
    public List<Path> versionFolders() {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(root)) return out;
        try (Stream<Path> ids = Files.list(root)) {
            for (Path id : (Iterable<Path>) ids.filter(Files::isDirectory).sorted()::iterator) {
                try (Stream<Path> versions = Files.list(id)) {
                    versions.filter(Files::isDirectory)
                            .filter(v -> Files.exists(v.resolve(Manifest.FILE_NAME)))
                            .sorted()
                            .forEach(out::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list rule sets in " + label, e);
        }
        return out;
    }
}
