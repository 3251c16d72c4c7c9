package io.regla.benchmarks;

import io.regla.api.CompileError;
import io.regla.core.compile.RuleSetCompiler;
import io.regla.core.compile.strict.StrictCheck;
import io.regla.core.compile.strict.StrictSettings;
import io.regla.core.observe.EngineObserver;
import io.regla.core.registry.RuleSetFolder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * What the strict profile adds to loading a version from a directory: the check of bench-ref's DRL (Drools' DRL
 * parser, then JavaParser on each consequence and constraint) beside the compile it precedes. Report the ratio
 * {@code strictCheck / compileWithoutCheck}; on a build-time artifact hit the check is the only parse left.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class StrictCheckBenchmark {

    private RuleSetFolder folder;
    private RuleSetCompiler compiler;

    @Setup
    public void setUp() throws Exception {
        Path dir = Path.of(StrictCheckBenchmark.class.getResource("/rules/" + BenchEngines.RULE_SET + "/1.0.0/ruleset.yaml").toURI())
                .getParent();
        folder = RuleSetFolder.read(dir, dir.toString());
        ClassLoader loader = StrictCheckBenchmark.class.getClassLoader();
        compiler = new RuleSetCompiler(loader, 0, EngineObserver.NONE, false, false,
                new StrictSettings(StrictSettings.Mode.NEVER, Set.of()));
        if (!strictCheck().isEmpty()) throw new IllegalStateException("bench-ref is not strict: " + strictCheck());
    }

    /** The strict profile's check of the version's DRL. */
    @Benchmark
    public List<CompileError> strictCheck() {
        return StrictCheck.of(folder, StrictCheckBenchmark.class.getClassLoader(), List.of(), Set.of());
    }

    /** The same version compiled from its DRL without the check. */
    @Benchmark
    public RuleSetCompiler.Result compileWithoutCheck() {
        return compiler.compile(folder);
    }
}
