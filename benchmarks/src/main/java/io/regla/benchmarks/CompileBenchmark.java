package io.regla.benchmarks;

import io.regla.api.RuleSetInfo;
import io.regla.api.RulesEngine;
import io.regla.core.Regla;
import org.kie.api.KieBase;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

import java.util.concurrent.TimeUnit;

/**
 * Time to compile bench-ref in a warm JVM (the first compile in a fresh JVM, about a second, is
 * measured by {@link HeapPerVersion}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CompileBenchmark {

    /**
     * A fresh engine (scans the classpath rules) and {@code registry().compile(...)}: KieBase, pool, fact types,
     * compiled from the DRL (build-time artifacts ignored).
     */
    @Benchmark
    public RuleSetInfo reglaCompile() {
        try (RulesEngine engine = Regla.builder().bundledRules().precompiled(false).build()) {
            return engine.registry().compile(BenchEngines.RULE_SET, null);
        }
    }

    /** The same, loading bench-ref from its build-time artifact ({@code .compiled/packages.bin}). */
    @Benchmark
    public RuleSetInfo reglaLoadPrecompiled() {
        try (RulesEngine engine = Regla.builder().bundledRules().build()) {
            return engine.registry().compile(BenchEngines.RULE_SET, null);
        }
    }

    /** The classic KnowledgeBuilder path alone, no Regla. */
    @Benchmark
    public KieBase rawKnowledgeBuilder() {
        return RawDrools.compile();
    }
}
