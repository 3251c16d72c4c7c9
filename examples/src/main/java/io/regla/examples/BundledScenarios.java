package io.regla.examples;

import io.regla.core.scenario.ScenarioParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** The scenario files bundled with the rule sets ({@code rules/<rule-set>/scenarios/} on the classpath). */
final class BundledScenarios {

    private BundledScenarios() {
    }

    static List<Path> files() {
        List<Path> roots = new ArrayList<>();
        try {
            for (URL url : Collections.list(BundledScenarios.class.getClassLoader().getResources("rules"))) {
                URI uri = url.toURI();
                if ("jar".equals(uri.getScheme())) {
                    try {
                        roots.add(FileSystems.newFileSystem(uri, Map.of()).provider().getPath(uri));
                    } catch (FileSystemAlreadyExistsException e) {
                        roots.add(FileSystems.getFileSystem(uri).provider().getPath(uri));
                    }
                } else {
                    roots.add(Path.of(uri));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return ScenarioParser.find(roots);
    }
}
