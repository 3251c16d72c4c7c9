package io.regla.core;

import io.regla.api.DecideOptions;
import io.regla.api.ReglaException;
import io.regla.api.RuleSetInfo;
import io.regla.api.RulesEngine;
import io.regla.api.spi.DecisionLog;
import io.regla.core.audit.DecisionRecorder;
import io.regla.core.compile.DroolsWarmUp;
import io.regla.core.compile.RuleSetCompiler;
import io.regla.core.decide.DroolsEngine;
import io.regla.core.metrics.EngineMetrics;
import io.regla.core.observe.EngineObserver;
import io.regla.core.registry.RuleSource;
import io.regla.core.registry.VersionRegistry;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Builds a {@link RulesEngine}:
 * <pre>{@code
 * RulesEngine engine = Regla.builder()
 *         .bundledRules()                          // rules/ on the classpath
 *         .rulesDirectory(Path.of("my-rules"))     // overrides bundled versions of the same id and version
 *         .watch(true)                             // reload when files change
 *         .compileEagerly(true)                    // compile every version now, not on its first call
 *         .build();
 * Decision d = engine.decide("mailing", facts, DecideOptions.at(instant));
 * }</pre>
 */
public final class Regla {

    private Regla() {
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private boolean bundled;
        private final List<Path> directories = new ArrayList<>();
        private boolean watch;
        private java.time.Duration watchRescan = io.regla.core.registry.DirectoryWatcher.DEFAULT_RESCAN;
        private Clock clock = Clock.systemUTC();
        private ClassLoader classLoader = Thread.currentThread().getContextClassLoader() != null
                ? Thread.currentThread().getContextClassLoader() : Regla.class.getClassLoader();
        private int poolSize = Math.max(2, Runtime.getRuntime().availableProcessors());
        private long maxFirings = 1_000_000;
        private DecisionLog decisionLog;
        private int decisionLogCapacity = 10_000;
        private int decisionLogBatchSize = 100;
        private Duration decisionLogCloseTimeout = Duration.ofSeconds(5);
        /** A {@code MeterRegistry}, kept as Object so this class loads without Micrometer on the classpath. */
        private Object meterRegistry;
        private boolean compileEagerly;
        private boolean warmUp;
        private boolean precompiled = true;
        private boolean alphaNetworkCompiler;
        private final java.util.Set<String> executableModel = new java.util.LinkedHashSet<>();
        private final java.util.Map<String, io.regla.api.Version> shadows = new java.util.LinkedHashMap<>();
        private int shadowSamples = 100;
        private final java.util.Set<Class<?>> helpers = new java.util.LinkedHashSet<>();
        private boolean strictEverywhere;

        private Builder() {
        }

        /** Loads the rule sets bundled on the classpath under {@code rules/<rule-set>/<version>/}. */
        public Builder bundledRules() {
            this.bundled = true;
            return this;
        }

        /** Loads rule sets from a directory holding {@code <rule-set>/<version>/} folders; may be called again. */
        public Builder rulesDirectory(Path dir) {
            if (!Files.isDirectory(dir)) throw new IllegalArgumentException("not a directory: " + dir);
            directories.add(dir);
            return this;
        }

        /**
         * Classes whose static methods strict rule sets may call from constraints and consequences (e.g. a working-days
         * calculator); may be called again. Strict versions (see {@code strict:} in ruleset.yaml, the default for
         * {@link #rulesDirectory} folders) calling anything else are refused at compile.
         */
        public Builder allowHelpers(Class<?>... helperClasses) {
            for (Class<?> c : helperClasses) helpers.add(java.util.Objects.requireNonNull(c, "helper class"));
            return this;
        }

        /**
         * Checks every version against the strict profile, whatever its ruleset.yaml says, bundled ones included
         * ({@code regla validate --strict}); default off: {@code strict:} as written, else strict for directories only.
         */
        public Builder strictEverywhere(boolean strictEverywhere) {
            this.strictEverywhere = strictEverywhere;
            return this;
        }

        /** Watches the rule directories and reloads on change (default off). */
        public Builder watch(boolean watch) {
            this.watch = watch;
            return this;
        }

        /**
         * With {@link #watch(boolean) watch}: how often the files are also compared (names, sizes, modification times)
         * for changes the file system reported no event for, as on network shares and some container mounts
         * (default 2 s; {@link java.time.Duration#ZERO}: events only).
         */
        public Builder watchRescan(java.time.Duration interval) {
            if (interval == null || interval.isNegative()) throw new IllegalArgumentException("watchRescan: a duration of zero or more");
            this.watchRescan = interval;
            return this;
        }

        /** The clock for calls that give no as-of instant (default: system UTC). */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** The class loader that sees the fact model (default: the thread's context class loader). */
        public Builder classLoader(ClassLoader classLoader) {
            this.classLoader = classLoader;
            return this;
        }

        /** Initial pooled sessions per compiled version (the pool grows with concurrency). */
        public Builder sessionPoolSize(int size) {
            if (size < 1) throw new IllegalArgumentException("pool size must be at least 1");
            this.poolSize = size;
            return this;
        }

        /** Rule firings one fire may make before the engine calls it a loop (default 1,000,000). */
        public Builder maxFirings(long maxFirings) {
            if (maxFirings < 1) throw new IllegalArgumentException("maxFirings must be at least 1");
            this.maxFirings = maxFirings;
            return this;
        }

        /**
         * Writes every decision (rule set, version, checksum, as-of, facts hash, masked actions and trace) to
         * {@code log}, asynchronously: a full queue drops the record and counts it, never blocking a decision;
         * closing the engine writes what is queued (bounded wait). See {@link DecisionRecorder}.
         */
        public Builder decisionLog(DecisionLog log) {
            this.decisionLog = java.util.Objects.requireNonNull(log, "log");
            return this;
        }

        /** Decisions the decision log queue holds before it drops (default 10,000). */
        public Builder decisionLogCapacity(int capacity) {
            if (capacity < 1) throw new IllegalArgumentException("decision log capacity must be at least 1");
            this.decisionLogCapacity = capacity;
            return this;
        }

        /** Most decisions per {@link DecisionLog#write} call (default 100). */
        public Builder decisionLogBatchSize(int batchSize) {
            if (batchSize < 1) throw new IllegalArgumentException("decision log batch size must be at least 1");
            this.decisionLogBatchSize = batchSize;
            return this;
        }

        /** How long {@code close()} waits for queued decisions to be written (default 5 s). */
        public Builder decisionLogCloseTimeout(Duration timeout) {
            if (timeout.isNegative()) throw new IllegalArgumentException("decision log close timeout must not be negative");
            this.decisionLogCloseTimeout = timeout;
            return this;
        }

        /**
         * Compiles every version at {@code build()} instead of on its first call (default off: a CLI command
         * that decides once pays only for the version it uses). Versions added or changed by a reload are
         * compiled by the reload in any case. A version that fails is logged, reported as FAILED by the
         * registry, and not compiled again until its files change.
         */
        public Builder compileEagerly(boolean compileEagerly) {
            this.compileEagerly = compileEagerly;
            return this;
        }

        /**
         * Records decisions and their latency per rule set and version, rule firings, failures, compile
         * time, reloads and the decision log's counts in a Micrometer registry (see {@link EngineMetrics};
         * outbox gauges: {@link io.regla.core.metrics.OutboxMetrics}). Micrometer is an optional dependency:
         * add {@code io.micrometer:micrometer-core} to use this.
         */
        public Builder meterRegistry(io.micrometer.core.instrument.MeterRegistry registry) {
            this.meterRegistry = java.util.Objects.requireNonNull(registry, "registry");
            return this;
        }

        /**
         * Implies {@link #compileEagerly}: also runs one decision without facts on every version, at build and
         * after each reload that adds or changes versions, so the first real call finds a warm pooled session
         * and a loaded code path. A warm-up that fails is logged, never thrown.
         */
        public Builder warmUp(boolean warmUp) {
            this.warmUp = warmUp;
            return this;
        }

        /**
         * Whether a version may be loaded from its build-time artifact ({@code <version>/.compiled/}, written
         * by {@code io.regla.core.compile.Precompiler}) when the artifact was compiled from exactly the
         * folder's current files (default on). Off: every version is compiled from its files.
         */
        public Builder precompiled(boolean precompiled) {
            this.precompiled = precompiled;
            return this;
        }

        /**
         * Compiles each version's alpha network to bytecode (Drools' alpha network compiler; default off).
         * It made no measurable difference on the bundled and benchmark rule sets (benchmarks/README.md) and
         * costs compile time per version; it needs {@code org.drools:drools-alphanetwork-compiler} on the classpath.
         */
        public Builder alphaNetworkCompiler(boolean alphaNetworkCompiler) {
            this.alphaNetworkCompiler = alphaNetworkCompiler;
            return this;
        }

        /**
         * Builds these rule sets' versions with Drools' executable model (generated Java instead of MVEL for constraints,
         * {@code from}, dynamic salience; default: none). About a tenth less CPU per event on the loyalty replay (median
         * of 31 rounds, benchmarks/README.md), two to three times the compile time, and it does not build every bundled version: opt a rule set in only once its scenarios
         * pass on it (loyalty's do). Decision tables are not supported with it.
         */
        public Builder executableModel(String... ruleSets) {
            for (String id : ruleSets) executableModel.add(java.util.Objects.requireNonNull(id, "rule set"));
            return this;
        }

        /**
         * Shadow mode for a rule set: every decision on {@code ruleSet} is also decided by {@code candidate}
         * (see {@link io.regla.api.DecideOptions.Builder#shadow(io.regla.api.Version)}); the caller gets the
         * serving decision only. Change it at run time with {@link DroolsEngine#shadow(String, io.regla.api.Version)}.
         */
        public Builder shadow(String ruleSet, String candidate) {
            shadows.put(java.util.Objects.requireNonNull(ruleSet, "ruleSet"), io.regla.api.Version.parse(candidate));
            return this;
        }

        /**
         * Shadow samples the decision log keeps per rule set, serving and candidate version, for the life of the
         * engine (default 100; 0 keeps none): the first differences (and candidate failures) seen.
         */
        public Builder shadowSamples(int perVersionPair) {
            if (perVersionPair < 0) throw new IllegalArgumentException("shadow samples must not be negative");
            this.shadowSamples = perVersionPair;
            return this;
        }

        private java.util.Set<Class<?>> allowedHelpers() {
            java.util.Set<Class<?>> all = new java.util.LinkedHashSet<>(helpers);
            all.addAll(io.regla.api.spi.StrictHelpers.onClasspath(classLoader));
            return all;
        }

        public RulesEngine build() {
            return buildDrools();
        }

        /** The implementation type, for tools (the CLI, the scenario runner) that need its extras. */
        public DroolsEngine buildDrools() {
            // Drools initialises on another core while the rule sources are listed and logging is configured
            DroolsWarmUp droolsWarmUp = DroolsWarmUp.start(classLoader);
            List<RuleSource> sources = new ArrayList<>();
            if (bundled) sources.addAll(RuleSource.classpath(classLoader));
            directories.forEach(d -> sources.add(RuleSource.directory(d)));
            if (sources.isEmpty()) {
                throw new IllegalStateException("no rule sources: call bundledRules() or rulesDirectory(dir)");
            }
            List<EngineObserver> observers = new ArrayList<>();
            DecisionRecorder recorder = decisionLog == null ? null : new DecisionRecorder(decisionLog, clock,
                    decisionLogCapacity, decisionLogBatchSize, decisionLogCloseTimeout, shadowSamples);
            if (recorder != null) observers.add(recorder);
            DroolsEngine engine;
            try {
                if (meterRegistry != null) observers.add(Metrics.observer(meterRegistry, recorder));
                EngineObserver observer = EngineObserver.all(observers);
                RuleSetCompiler compiler = new RuleSetCompiler(classLoader, poolSize, observer, precompiled, alphaNetworkCompiler,
                        new io.regla.core.compile.strict.StrictSettings(strictEverywhere
                                ? io.regla.core.compile.strict.StrictSettings.Mode.ALWAYS
                                : io.regla.core.compile.strict.StrictSettings.Mode.DIRECTORIES, allowedHelpers()));
                compiler.awaitBeforeCompiling(droolsWarmUp);
                compiler.executableModel(executableModel);
                VersionRegistry registry = new VersionRegistry(sources, compiler, compileEagerly || warmUp, observer);
                engine = new DroolsEngine(registry, clock, maxFirings, watch ? watchRescan : null, observer);
                shadows.forEach(engine::shadow);
                if (warmUp) {
                    warmUpAll(engine, registry.ruleSets().stream().flatMap(id -> registry.versions(id).stream()));
                    registry.onReload(r -> warmUpAll(engine, Stream.concat(r.added().stream(), r.changed().stream())));
                }
            } catch (RuntimeException | Error e) {
                if (recorder != null) recorder.close(); // its writer thread would outlive a failed build
                throw e;
            } finally {
                droolsWarmUp.sample(null); // in case no registry gave it an artifact: it need not wait
            }
            return engine;
        }
    }

    /** The one place that names Micrometer types at run time, reached only when a registry was given. */
    private static final class Metrics {
        static EngineObserver observer(Object registry, DecisionRecorder recorder) {
            return EngineMetrics.observer((io.micrometer.core.instrument.MeterRegistry) registry, recorder);
        }
    }

    private static void warmUpAll(DroolsEngine engine, Stream<RuleSetInfo> versions) {
        versions.filter(v -> v.state() == RuleSetInfo.State.COMPILED).forEach(v -> {
            try {
                engine.decide(v.id(), List.of(), DecideOptions.builder().version(v.version()).asOf(v.effectiveFrom())
                        .tracing(false).build());
            } catch (ReglaException | IllegalStateException e) {
                LoggerFactory.getLogger(Regla.class).warn("warm-up of {} failed: {}", v.label(), e.getMessage());
            }
        });
    }
}
