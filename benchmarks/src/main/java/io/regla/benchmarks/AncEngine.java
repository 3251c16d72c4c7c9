package io.regla.benchmarks;

import io.regla.api.Decision;
import io.regla.api.RulesEngine;
import io.regla.core.Regla;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** A Regla engine with Drools' alpha network compiler on ({@code Regla.builder().alphaNetworkCompiler(true)}). */
@State(Scope.Benchmark)
public class AncEngine {

    public RulesEngine regla;

    @Setup(Level.Trial)
    public void setUp(BenchEngines engines) {
        regla = Regla.builder().bundledRules().alphaNetworkCompiler(true).build();
        regla.registry().compile(BenchEngines.RULE_SET, null);
        Decision with = regla.decide(BenchEngines.RULE_SET, engines.batch1k, BenchEngines.UNTRACED);
        Decision without = engines.regla.decide(BenchEngines.RULE_SET, engines.batch1k, BenchEngines.UNTRACED);
        if (!with.actions().equals(without.actions())) {
            throw new IllegalStateException("the alpha network compiler changed bench-ref's decisions");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        regla.close();
    }
}
