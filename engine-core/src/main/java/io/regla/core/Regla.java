package io.regla.core;

import io.regla.api.RulesEngine;
import io.regla.api.spi.DecisionLog;
import io.regla.core.audit.DecisionRecorder;
import io.regla.core.compile.RuleSetCompiler;
import io.regla.core.decide.DroolsEngine;
import io.regla.core.metrics.EngineMetrics;
import io.regla.core.observe.EngineObserver;
import io.regla.core.registry.RuleSource;
import io.regla.core.registry.VersionRegistry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a {@link RulesEngine}:
 * <pre>{@code
 * RulesEngine engine = Regla.builder()
 *         .bundledRules()                          // rules/ on the classpath
 *         .rulesDirectory(Path.of("my-rules"))     // overrides bundled versions of the same id and version
 *         .watch(true)                             // reload when files change
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

        /** Watches the rule directories and reloads on change (default off). */
        public Builder watch(boolean watch) {
            this.watch = watch;
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
         * Records decisions and their latency per rule set and version, rule firings, failures, compile
         * time, reloads and the decision log's counts in a Micrometer registry (see {@link EngineMetrics};
         * outbox gauges: {@link io.regla.core.metrics.OutboxMetrics}). Micrometer is an optional dependency:
         * add {@code io.micrometer:micrometer-core} to use this.
         */
        public Builder meterRegistry(io.micrometer.core.instrument.MeterRegistry registry) {
            this.meterRegistry = java.util.Objects.requireNonNull(registry, "registry");
            return this;
        }

        public RulesEngine build() {
            return buildDrools();
        }

        /** The implementation type, for tools (the CLI, the scenario runner) that need its extras. */
        public DroolsEngine buildDrools() {
            List<RuleSource> sources = new ArrayList<>();
            if (bundled) sources.addAll(RuleSource.classpath(classLoader));
            directories.forEach(d -> sources.add(RuleSource.directory(d)));
            if (sources.isEmpty()) {
                throw new IllegalStateException("no rule sources: call bundledRules() or rulesDirectory(dir)");
            }
            List<EngineObserver> observers = new ArrayList<>();
            DecisionRecorder recorder = decisionLog == null ? null : new DecisionRecorder(decisionLog, clock,
                    decisionLogCapacity, decisionLogBatchSize, decisionLogCloseTimeout);
            if (recorder != null) observers.add(recorder);
            try {
                if (meterRegistry != null) observers.add(Metrics.observer(meterRegistry, recorder));
                EngineObserver observer = EngineObserver.all(observers);
                VersionRegistry registry = new VersionRegistry(sources, new RuleSetCompiler(classLoader, poolSize, observer), observer);
                return new DroolsEngine(registry, clock, maxFirings, watch, observer);
            } catch (RuntimeException | Error e) {
                if (recorder != null) recorder.close(); // its writer thread would outlive a failed build
                throw e;
            }
        }
    }

    /** The one place that names Micrometer types at run time, reached only when a registry was given. */
    private static final class Metrics {
        static EngineObserver observer(Object registry, DecisionRecorder recorder) {
            return EngineMetrics.observer((io.micrometer.core.instrument.MeterRegistry) registry, recorder);
        }
    }
}
