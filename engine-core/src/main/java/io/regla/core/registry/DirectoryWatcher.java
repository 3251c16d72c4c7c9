package io.regla.core.registry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Watches the registry's directories and reloads after changes settle (editors write a file in
 * several steps; a reload waits until nothing changed for {@link #QUIET_MILLIS}). Runs on one daemon
 * thread; decisions keep being served from the previous snapshot meanwhile.
 */
public final class DirectoryWatcher implements AutoCloseable {

    static final long QUIET_MILLIS = 300;
    private static final Logger log = LoggerFactory.getLogger(DirectoryWatcher.class);

    private final VersionRegistry registry;
    private final WatchService watch;
    private final Thread thread;
    private volatile boolean running = true;

    private DirectoryWatcher(VersionRegistry registry) throws IOException {
        this.registry = registry;
        this.watch = FileSystems.getDefault().newWatchService();
        for (RuleSource s : registry.sources()) {
            if (s.watchable() && Files.isDirectory(s.root())) registerTree(s.root());
        }
        this.thread = new Thread(this::loop, "regla-rules-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    public static DirectoryWatcher start(VersionRegistry registry) {
        try {
            return new DirectoryWatcher(registry);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot watch rule directories", e);
        }
    }

    private void registerTree(Path root) throws IOException {
        try (Stream<Path> dirs = Files.walk(root)) {
            for (Path d : (Iterable<Path>) dirs.filter(Files::isDirectory)::iterator) {
                d.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                        StandardWatchEventKinds.ENTRY_DELETE);
            }
        }
    }

    private void loop() {
        while (running) {
            try {
                WatchKey key = watch.take();
                boolean dirty = drain(key);
                // Wait for quiet: keep draining until no event arrives for QUIET_MILLIS.
                WatchKey more;
                while ((more = watch.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS)) != null) {
                    dirty |= drain(more);
                }
                if (dirty && running) registry.reload();
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            } catch (RuntimeException e) {
                log.error("reload after a change on disk failed; the previous rule sets keep serving", e);
            }
        }
    }

    private boolean drain(WatchKey key) {
        Path dir = (Path) key.watchable();
        boolean any = false;
        for (var event : key.pollEvents()) {
            any = true;
            if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && event.context() instanceof Path p) {
                Path child = dir.resolve(p);
                if (Files.isDirectory(child)) {
                    try {
                        registerTree(child);
                    } catch (IOException e) {
                        log.warn("cannot watch new folder {}", child, e);
                    }
                }
            }
        }
        key.reset();
        return any;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            watch.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
