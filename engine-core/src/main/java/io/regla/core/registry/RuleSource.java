package io.regla.core.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.FileVisitResult;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;

/**
 * A root holding rule sets as {@code [<domain>/]<rule-set>/<version>/ruleset.yaml}: a directory, or the
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

    /** How deep below the root a version folder may sit: {@code <domain>/<rule-set>/<version>/} is three. */
    private static final int MAX_DEPTH = 4;

    /**
     * The version folders below this root: folders holding a {@code ruleset.yaml}, either
     * {@code <rule-set>/<version>/} or, in a repository laid out by domain, {@code <domain>/<rule-set>/<version>/}.
     * Build output, sources and scenario folders are not searched.
     */
    public List<Path> versionFolders() {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(root)) return out;
        try {
            Files.walkFileTree(root, java.util.Set.of(), MAX_DEPTH, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (!dir.equals(root) && skipped(dir)) return FileVisitResult.SKIP_SUBTREE;
                    if (!dir.equals(root) && Files.exists(dir.resolve(Manifest.FILE_NAME))) {
                        out.add(dir);
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list rule sets in " + label, e);
        }
        out.sort(java.util.Comparator.comparing(Path::toString));
        return out;
    }

    private static final java.util.Set<String> SKIPPED = java.util.Set.of("target", "src", "scenarios", "samples", "node_modules");

    /**
     * Whether a folder below a root is never searched for versions: build output, sources, scenarios, and any folder
     * whose name starts with a dot ({@code .git}, {@code .compiled}, and the staging folder a version is copied into
     * before one rename puts it in place: read half-copied, it would be compiled half-written).
     */
    static boolean skipped(Path dir) {
        String name = String.valueOf(dir.getFileName());
        return name.startsWith(".") || SKIPPED.contains(name);
    }
}
