package io.regla.core.registry;

import io.regla.api.CompilationException;
import io.regla.api.CompileError;
import io.regla.api.ReloadReport;
import io.regla.api.RuleSetInfo;
import io.regla.api.RuleSetNotFoundException;
import io.regla.api.RuleSetRegistry;
import io.regla.api.Version;
import io.regla.core.compile.CompiledRuleSet;
import io.regla.core.compile.RuleSetCompiler;
import io.regla.core.observe.EngineObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Versions side by side, each compiled once, on first use (or all at once when eager). The set of
 * versions is an immutable snapshot swapped atomically on reload, so a decision never sees half a reload;
 * a version that fails to compile on reload never replaces the build that serves.
 *
 * <p><b>Retirement.</b> A build replaced or removed by a reload is retired after the new snapshot is
 * published: calls that {@linkplain #acquire acquired} it finish on it, and its sessions are released when
 * the last of them returns. A call that read the old snapshot but lost the race to acquire its build
 * simply looks again and finds the new one.
 *
 * <p><b>Failures are cached.</b> A version that failed to compile is not compiled again until its files
 * change (its checksum differs); files that go back to the checksum of a build kept from before are
 * served by that build again without compiling.
 */
public final class VersionRegistry implements RuleSetRegistry {

    private static final Logger log = LoggerFactory.getLogger(VersionRegistry.class);

    private final List<RuleSource> sources;
    private final RuleSetCompiler compiler;
    private final List<Consumer<ReloadReport>> listeners = new CopyOnWriteArrayList<>();
    private final Object reloadLock = new Object();
    /** The last retired build per version folder, revived if the files come back to its checksum (under reloadLock). */
    private final Map<String, CompiledRuleSet> parked = new java.util.HashMap<>();
    private volatile Snapshot snapshot;
    private EngineObserver observer = EngineObserver.NONE;

    /** The versions that serve, and those whose folders could not be used at all. */
    private record Snapshot(Map<String, NavigableMap<Version, VersionEntry>> serving, Map<String, RuleSetInfo> unusable) {
    }

    public VersionRegistry(List<RuleSource> sources, RuleSetCompiler compiler) {
        this(sources, compiler, false);
    }

    /** @param eager compile every version now instead of on first use (failures are logged and cached) */
    public VersionRegistry(List<RuleSource> sources, RuleSetCompiler compiler, boolean eager) {
        this(sources, compiler, eager, EngineObserver.NONE);
    }

    /**
     * @param eager    compile every version now instead of on first use (failures are logged and cached)
     * @param observer told of each reload (compiles are reported by the compiler)
     */
    public VersionRegistry(List<RuleSource> sources, RuleSetCompiler compiler, boolean eager, EngineObserver observer) {
        this.sources = List.copyOf(sources);
        this.compiler = compiler;
        this.observer = observer;
        Map<String, StartupIndex.Entry> indexed = new java.util.HashMap<>();
        Map<String, RuleSetFolder> folders = scan(useIndex(compiler) ? indexed : null);
        Map<String, NavigableMap<Version, VersionEntry>> serving = new TreeMap<>();
        Map<String, RuleSetInfo> unusable = new TreeMap<>();
        for (Map.Entry<String, RuleSetFolder> kv : folders.entrySet()) {
            RuleSetFolder f = kv.getValue();
            if (f.manifest() == null) {
                RuleSetInfo info = failedInfo(f, f.errors());
                unusable.put(key(f), info);
                log.error("{} is not usable:\n{}", f.location(), errorsText(f.errors()));
            } else {
                serving.computeIfAbsent(f.ruleSet(), k -> new TreeMap<>()).put(f.manifest().version(),
                        new VersionEntry(f, indexed.get(kv.getKey())));
            }
        }
        this.snapshot = new Snapshot(freeze(serving), unusable);
        compiler.warmUpOn(VersionEntry.smallestArtifact(snapshot.serving().values()));
        if (eager) compileAll();
    }

    /**
     * Compiles every serving version not compiled yet; a failure is logged and cached on its version. Versions
     * with a build-time artifact (described by a start-up index) are loaded on up to one thread per core: loading
     * is most of a start with every version (benchmarks/README.md, "Cold start"). The first load runs alone, as it
     * initialises Drools' shared classes and statics; versions compiled from their files are compiled one after
     * the other on the calling thread, as before (Drools' decision-table compiler caches in an unsynchronised map).
     */
    public void compileAll() {
        List<VersionEntry> artifacts = new ArrayList<>(), files = new ArrayList<>();
        snapshot.serving().values().forEach(m -> m.values().forEach(e -> (e.indexed() ? artifacts : files).add(e)));
        if (!artifacts.isEmpty()) compileLogged(artifacts.remove(0));
        ParallelLoad.run(artifacts, this::compileLogged);
        files.forEach(this::compileLogged);
    }

    private void compileLogged(VersionEntry e) {
        try {
            e.compiled(compiler);
        } catch (CompilationException ex) {
            log.error("{} failed to compile and is not served:\n{}", e.folder.location(), errorsText(ex.errors()));
        }
    }

    public RuleSetCompiler compiler() {
        return compiler;
    }

    /** A registry that reports each reload to {@code observer} (compiles are reported by the compiler). */
    public VersionRegistry(List<RuleSource> sources, RuleSetCompiler compiler, EngineObserver observer) {
        this(sources, compiler, false, observer);
    }

    public List<RuleSource> sources() {
        return sources;
    }

    @Override
    public List<String> ruleSets() {
        Snapshot s = snapshot;
        List<String> ids = new ArrayList<>(s.serving().keySet());
        s.unusable().values().forEach(i -> {
            if (!ids.contains(i.id())) ids.add(i.id());
        });
        Collections.sort(ids);
        return ids;
    }

    @Override
    public List<RuleSetInfo> versions(String ruleSet) {
        Snapshot s = snapshot;
        List<RuleSetInfo> out = new ArrayList<>();
        NavigableMap<Version, VersionEntry> versions = s.serving().get(ruleSet);
        if (versions != null) versions.values().forEach(e -> out.add(e.info()));
        s.unusable().values().stream().filter(i -> i.id().equals(ruleSet)).forEach(out::add);
        out.sort(Comparator.comparing(RuleSetInfo::version, Comparator.nullsFirst(Comparator.naturalOrder())));
        return out;
    }

    @Override
    public RuleSetInfo resolve(String ruleSet, Version version, Instant asOf) {
        return entry(ruleSet, version, asOf).info();
    }

    @Override
    public List<String> rules(String ruleSet, Version version) {
        return entry(ruleSet, version, Instant.MAX).compiled(compiler).ruleNames();
    }

    @Override
    public RuleSetInfo compile(String ruleSet, Version version) {
        VersionEntry e = entry(ruleSet, version, Instant.MAX);
        e.compiled(compiler);
        return e.info();
    }

    /** The build that decides for this call, compiling it on first use (it may be retired by now: see {@link #acquire}). */
    public CompiledRuleSet compiledFor(String ruleSet, Version version, Instant asOf) {
        return entry(ruleSet, version, asOf).compiled(compiler);
    }

    /**
     * The build that decides for this call, held for it: the caller must {@link CompiledRuleSet#release()}
     * it when done. A build retired between reading the snapshot and taking the hold cannot be acquired;
     * its retirement came after a newer snapshot was published, so looking again finds the replacement.
     */
    public CompiledRuleSet acquire(String ruleSet, Version version, Instant asOf) {
        for (;;) {
            CompiledRuleSet c = entry(ruleSet, version, asOf).compiled(compiler);
            if (c.tryAcquire()) return c;
        }
    }

    private VersionEntry entry(String ruleSet, Version version, Instant asOf) {
        Snapshot s = snapshot;
        NavigableMap<Version, VersionEntry> versions = s.serving().get(ruleSet);
        if (versions == null) {
            throw new RuleSetNotFoundException("unknown rule set '" + ruleSet + "'; known: "
                    + String.join(", ", ruleSets()) + unusableHint(s, ruleSet));
        }
        if (version != null) {
            VersionEntry e = versions.get(version);
            if (e == null) {
                throw new RuleSetNotFoundException(ruleSet + " has no version " + version + "; versions: "
                        + versions.keySet().stream().map(Version::toString).collect(Collectors.joining(", "))
                        + unusableHint(s, ruleSet));
            }
            return e;
        }
        VersionEntry best = null;
        for (VersionEntry e : versions.values()) { // ascending versions: the later wins a tie on effectiveFrom
            Instant from = e.folder.manifest().effectiveFrom();
            if (!from.isAfter(asOf) && (best == null || !from.isBefore(best.folder.manifest().effectiveFrom()))) {
                best = e;
            }
        }
        if (best == null) {
            Instant earliest = versions.values().stream().map(e -> e.folder.manifest().effectiveFrom()).min(Comparator.naturalOrder()).orElseThrow();
            throw new RuleSetNotFoundException("no version of " + ruleSet + " is effective at " + asOf
                    + "; the earliest is effective from " + earliest);
        }
        return best;
    }

    private static String unusableHint(Snapshot s, String ruleSet) {
        String bad = s.unusable().values().stream().filter(i -> i.id().equals(ruleSet))
                .map(i -> i.location() + " (" + i.errors().size() + " errors)").collect(Collectors.joining(", "));
        return bad.isEmpty() ? "" : "; not usable: " + bad;
    }

    @Override
    public ReloadReport reload() {
        long started = System.nanoTime();
        ReloadReport report;
        try {
            report = reloadNow();
        } catch (RuntimeException e) {
            observer.reloadFailed(e, System.nanoTime() - started);
            throw e;
        }
        observer.reloaded(report, System.nanoTime() - started);
        return report;
    }

    private ReloadReport reloadNow() {
        synchronized (reloadLock) {
            Snapshot old = snapshot;
            Map<String, RuleSetFolder> folders = scan(null); // a reload reads every file: it is there to see changes
            Map<String, NavigableMap<Version, VersionEntry>> serving = new TreeMap<>();
            Map<String, RuleSetInfo> unusable = new TreeMap<>();
            List<RuleSetInfo> added = new ArrayList<>(), changed = new ArrayList<>(), removed = new ArrayList<>(), failed = new ArrayList<>();
            List<VersionEntry> retired = new ArrayList<>();
            Map<String, VersionEntry> oldByKey = new LinkedHashMap<>();
            old.serving().values().forEach(m -> m.values().forEach(e -> oldByKey.put(key(e.folder), e)));

            for (Map.Entry<String, RuleSetFolder> kv : folders.entrySet()) {
                RuleSetFolder f = kv.getValue();
                VersionEntry previous = oldByKey.remove(kv.getKey());
                if (previous != null && previous.folder.checksum().equals(f.checksum())) {
                    put(serving, previous);
                    // files back to the build that kept serving through a failed change: no longer failed
                    if (previous.clearFailureOfOtherFiles()) changed.add(previous.info());
                    continue;
                }
                if (previous != null && f.checksum().equals(previous.failedChecksum)) {
                    put(serving, previous); // the same broken files as before: not compiled again
                    continue;
                }
                RuleSetInfo unchangedUnusable = old.unusable().get(kv.getKey());
                if (previous == null && unchangedUnusable != null && unchangedUnusable.checksum().equals(f.checksum())) {
                    unusable.put(kv.getKey(), unchangedUnusable);
                    continue;
                }
                CompiledRuleSet kept = parked.get(kv.getKey());
                RuleSetCompiler.Result result = f.manifest() == null ? new RuleSetCompiler.Result(null, f.errors())
                        : kept != null && kept.folder().checksum().equals(f.checksum())
                        ? new RuleSetCompiler.Result(kept.revive(f, compiler.poolSize()), List.of())
                        : compiler.compile(f);
                if (result.ok()) {
                    VersionEntry fresh = new VersionEntry(f, result.compiled());
                    put(serving, fresh);
                    (previous == null ? added : changed).add(fresh.info());
                    if (previous != null) retired.add(previous);
                } else if (previous != null && previous.failedItsOwnFiles()) {
                    // nothing compiled serves (a version that failed on first use): the new failure replaces it
                    VersionEntry broken = new VersionEntry(f);
                    broken.failed(f.checksum(), result.errors());
                    put(serving, broken);
                    retired.add(previous);
                    failed.add(failedInfo(f, result.errors()));
                    log.error("{} failed to compile:\n{}", f.location(), errorsText(result.errors()));
                } else if (previous != null) {
                    previous.failed(f.checksum(), result.errors());
                    put(serving, previous);
                    failed.add(failedInfo(f, result.errors()));
                    log.error("{} failed to compile; the previous build keeps serving:\n{}", f.location(), errorsText(result.errors()));
                } else {
                    RuleSetInfo info = failedInfo(f, result.errors());
                    unusable.put(kv.getKey(), info);
                    if (!old.unusable().containsKey(kv.getKey()) || !old.unusable().get(kv.getKey()).checksum().equals(f.checksum())) {
                        failed.add(info);
                        log.error("{} failed to compile and is not served:\n{}", f.location(), errorsText(result.errors()));
                    }
                }
            }
            for (VersionEntry gone : oldByKey.values()) {
                removed.add(gone.info());
                retired.add(gone);
            }
            snapshot = new Snapshot(freeze(serving), unusable);
            // only now, with the new snapshot published: a call that still finds a retired build looks again
            for (VersionEntry e : retired) {
                CompiledRuleSet c = e.retire();
                if (c != null) parked.put(key(e.folder), c);
            }
            ReloadReport report = new ReloadReport(added, changed, removed, failed);
            if (!report.isEmpty()) {
                log.info("reload: {} added, {} changed, {} removed, {} failed", added.size(), changed.size(), removed.size(), failed.size());
                for (Consumer<ReloadReport> l : listeners) {
                    try {
                        l.accept(report);
                    } catch (RuntimeException e) {
                        log.warn("reload listener failed", e);
                    }
                }
            }
            return report;
        }
    }

    @Override
    public void onReload(Consumer<ReloadReport> listener) {
        listeners.add(listener);
    }

    /**
     * Reads every version folder of every source. With {@code indexed} non-null, a folder that its root's
     * {@link StartupIndex} knows is not read: it is described by the index (manifest, checksum, no files) and
     * its index entry is put in {@code indexed} under the folder's key, for the entry to read it at first load.
     */
    private Map<String, RuleSetFolder> scan(Map<String, StartupIndex.Entry> indexed) {
        Map<String, RuleSetFolder> folders = new TreeMap<>();
        for (RuleSource source : sources) {
            StartupIndex index = indexed == null ? null : StartupIndex.read(source.root());
            for (var dir : source.versionFolders()) {
                String location = source.label() + "/" + dir.getParent().getFileName() + "/" + dir.getFileName();
                StartupIndex.Entry known = index == null ? null : index.find(source.root(), dir);
                RuleSetFolder f = known == null ? RuleSetFolder.read(dir, location)
                        : new RuleSetFolder(dir.getParent().getFileName().toString(), dir.getFileName().toString().replace("/", ""),
                        location, Map.of(), known.checksum(), known.manifest(), List.of(), dir);
                RuleSetFolder shadowed = folders.put(key(f), f);
                if (shadowed != null) log.info("{} overrides {}", f.location(), shadowed.location());
                if (indexed != null) {
                    if (known != null) indexed.put(key(f), known);
                    else indexed.remove(key(f));
                }
            }
        }
        return folders;
    }

    /**
     * Whether start-up may take versions from build-time indexes: with build-time artifacts allowed, unless the
     * system property {@code regla.startupIndex} is {@code false} (to measure or rule out the index).
     */
    private static boolean useIndex(RuleSetCompiler compiler) {
        return compiler.usesPrecompiled() && !"false".equalsIgnoreCase(System.getProperty("regla.startupIndex"));
    }

    private static String key(RuleSetFolder f) {
        return f.ruleSet() + "@" + f.versionFolder();
    }

    private static void put(Map<String, NavigableMap<Version, VersionEntry>> serving, VersionEntry e) {
        serving.computeIfAbsent(e.folder.ruleSet(), k -> new TreeMap<>()).put(e.folder.manifest().version(), e);
    }

    private static Map<String, NavigableMap<Version, VersionEntry>> freeze(Map<String, NavigableMap<Version, VersionEntry>> m) {
        Map<String, NavigableMap<Version, VersionEntry>> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, Collections.unmodifiableNavigableMap(v)));
        return Collections.unmodifiableMap(out);
    }

    private static RuleSetInfo failedInfo(RuleSetFolder f, List<CompileError> errors) {
        Manifest m = f.manifest();
        Version v = m != null ? m.version() : parseOrNull(f.versionFolder());
        return new RuleSetInfo(f.ruleSet(), v, m == null ? null : m.effectiveFrom(), m == null ? null : m.timeZone(),
                m == null ? "" : m.description(), m == null ? List.of() : m.changelog(), f.checksum(), f.location(),
                RuleSetInfo.State.FAILED, errors);
    }

    private static Version parseOrNull(String s) {
        try {
            return Version.parse(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String errorsText(List<CompileError> errors) {
        return errors.stream().map(e -> "  " + e).collect(Collectors.joining("\n"));
    }
}
