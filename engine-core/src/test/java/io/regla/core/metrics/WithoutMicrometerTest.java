package io.regla.core.metrics;

import io.regla.core.TestRules;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Micrometer is an optional dependency: an engine (with a decision log) must build, decide and close on a
 * class path without it. The test loads the engine in a class loader that sees the test class path minus
 * the Micrometer jars.
 */
class WithoutMicrometerTest {

    @Test
    void theEngineRunsWithoutMicrometerOnTheClassPath() throws Exception {
        List<URL> urls = new ArrayList<>();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        for (String entry : classPath.split(File.pathSeparator)) {
            if (entry.isBlank() || entry.contains("micrometer")) continue;
            urls.add(Path.of(entry).toUri().toURL());
        }
        assertThat(urls).as("the test class path").hasSizeGreaterThan(5);
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader isolated = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            assertThatThrownBy(() -> isolated.loadClass("io.micrometer.core.instrument.MeterRegistry"))
                    .isInstanceOf(ClassNotFoundException.class);
            Thread.currentThread().setContextClassLoader(isolated);
            Class<?> probe = isolated.loadClass(Probe.class.getName());
            Object actions = probe.getMethod("run", Path.class).invoke(null, TestRules.dir());
            assertThat(actions).isEqualTo(1);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    /** Runs inside the isolated class loader. */
    public static final class Probe {
        public static int run(Path rules) {
            List<Object> written = new java.util.concurrent.CopyOnWriteArrayList<>();
            try (var engine = io.regla.core.Regla.builder().rulesDirectory(rules)
                    .decisionLog(written::addAll).buildDrools()) {
                var d = engine.decide("greeting", List.of(new io.regla.core.testmodel.Person("P1", "Ana", 30, null, null)),
                        io.regla.api.DecideOptions.at(java.time.Instant.parse("2026-03-02T12:00:00Z")));
                engine.registry().reload();
                int n = d.actions().size();
                engine.close();
                if (written.size() != 1) throw new AssertionError("decision not logged: " + written);
                return n;
            }
        }
    }
}
