package io.regla.core;

import io.regla.api.RulesEngine;
import io.regla.core.compile.RuleSetCompiler;
import io.regla.core.decide.DroolsEngine;
import io.regla.core.registry.RuleSource;
import io.regla.core.registry.VersionRegistry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
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
        private boolean precompiled = true;
        private boolean alphaNetworkCompiler;

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
         * It makes large batches faster and costs compile time per version; it needs
         * {@code org.drools:drools-alphanetwork-compiler} on the classpath.
         */
        public Builder alphaNetworkCompiler(boolean alphaNetworkCompiler) {
            this.alphaNetworkCompiler = alphaNetworkCompiler;
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
            VersionRegistry registry = new VersionRegistry(sources, new RuleSetCompiler(classLoader, poolSize, precompiled, alphaNetworkCompiler));
            return new DroolsEngine(registry, clock, maxFirings, watch);
        }
    }
}
