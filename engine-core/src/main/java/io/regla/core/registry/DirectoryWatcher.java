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
import java.nio.file.FileVisitResult;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Watches the registry's directories and reloads after changes settle (editors write a file in
 * several steps; a reload waits until nothing changed for {@link #QUIET_MILLIS}). Runs on one daemon
 * thread; decisions keep being served from the previous snapshot meanwhile.
 *
 * <p>File-system events are not the only signal: some file systems deliver none or lose some (network shares,
 * container and VM mounts, an event queue that overflowed), so every {@code rescan} without events the watcher
 * also compares each file's name, size and modification time with what the last reload saw, and reloads when
 * they differ. A reload compares checksums, so one that finds nothing new changes nothing and tells no listener.
 */
public final class DirectoryWatcher implements AutoCloseable {

    static final long QUIET_MILLIS = 300;
    /** How often, by default, the files are compared for changes no event reported. */
    public static final Duration DEFAULT_RESCAN = Duration.ofSeconds(2);
    /** How deep below a root the rescan looks: {@code <domain>/<rule-set>/<version>/data/<file>} and one more. */
    private static final int RESCAN_DEPTH = 6;
    private static final Logger log = LoggerFactory.getLogger(DirectoryWatcher.class);

    private final VersionRegistry registry;
    private final WatchService watch;
    private final long rescanMillis;
    private final Thread thread;
    private volatile boolean running = true;
    /** The files as the last reload (or the start) saw them. */
    private List<String> seen;

    private DirectoryWatcher(VersionRegistry registry, Duration rescan, boolean events) throws IOException {
        this.registry = registry;
        this.rescanMillis = rescan.isZero() ? 0 : Math.max(1, rescan.toMillis());
        this.watch = FileSystems.getDefault().newWatchService();
        if (events) {
            for (RuleSource s : registry.sources()) {
                if (s.watchable() && Files.isDirectory(s.root())) registerTree(s.root());
            }
        }
        this.seen = files();
        this.thread = new Thread(this::loop, "regla-rules-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    /** Watches with file-system events and a rescan every {@link #DEFAULT_RESCAN}. */
    public static DirectoryWatcher start(VersionRegistry registry) {
        return start(registry, DEFAULT_RESCAN);
    }

    /** Watches with file-system events and a rescan every {@code rescan} ({@link Duration#ZERO}: events only). */
    public static DirectoryWatcher start(VersionRegistry registry, Duration rescan) {
        return start(registry, rescan, true);
    }

    /** Without events the rescan is the only signal: how a file system that delivers none behaves (tests). */
    static DirectoryWatcher start(VersionRegistry registry, Duration rescan, boolean events) {
        if (rescan.isNegative()) throw new IllegalArgumentException("rescan interval is negative: " + rescan);
        if (!events && rescan.isZero()) throw new IllegalArgumentException("a watcher without events needs a rescan interval");
        try {
            return new DirectoryWatcher(registry, rescan, events);
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
                WatchKey key = rescanMillis == 0 ? watch.take() : watch.poll(rescanMillis, TimeUnit.MILLISECONDS);
                boolean dirty = key != null ? drain(key) : !files().equals(seen);
                // Wait for quiet: keep draining until no event arrives for QUIET_MILLIS.
                WatchKey more;
                while ((more = watch.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS)) != null) {
                    dirty |= drain(more);
                }
                if (dirty && running) {
                    seen = files(); // before the reload reads them: a change during the reload is seen next time
                    registry.reload();
                }
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            } catch (RuntimeException | LinkageError | StackOverflowError e) {
                // the thread lives on: a later change must still be picked up
                log.error("reload after a change on disk failed; the previous rule sets keep serving", e);
            }
        }
    }

    /** Each file below the watched roots as {@code path|size|modified}, sorted; skipped folders as the registry skips them. */
    private List<String> files() {
        List<String> out = new ArrayList<>();
        for (RuleSource s : registry.sources()) {
            if (!s.watchable() || !Files.isDirectory(s.root())) continue;
            try {
                Files.walkFileTree(s.root(), java.util.Set.of(), RESCAN_DEPTH, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        return dir.equals(s.root()) || !RuleSource.skipped(dir) ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        out.add(file + "|" + attrs.size() + "|" + attrs.lastModifiedTime().toMillis());
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        out.add(file + "|unreadable"); // gone while walking, or no permission: the next rescan looks again
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (IOException e) {
                out.add(s.root() + "|unreadable");
            }
        }
        java.util.Collections.sort(out);
        return out;
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
