package io.regla.benchmarks;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.regla.api.Decision;
import io.regla.api.RulesEngine;
import io.regla.api.spi.DecisionLog;
import io.regla.core.Regla;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the decision log and Micrometer cost a caller: one bench-ref order per {@code decide}, untraced,
 * on an engine with nothing, a decision log (a sink that counts what the background writer hands it:
 * the deciding thread pays the enqueue, the writer the hashing and JSON on the other core), metrics
 * (a {@code SimpleMeterRegistry}), or both. Compare each with {@code none} as a ratio.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class ObservedDecideBenchmark {

    @Param({"none", "decisionLog", "metrics", "both"})
    public String observers;

    RulesEngine engine;
    List<Order> orders;
    final LongAdder logged = new LongAdder();
    int next;

    @Setup(Level.Trial)
    public void setUp() {
        Regla.Builder b = Regla.builder().bundledRules();
        DecisionLog sink = records -> logged.add(records.size());
        if (observers.equals("decisionLog") || observers.equals("both")) b.decisionLog(sink);
        if (observers.equals("metrics") || observers.equals("both")) b.meterRegistry(new SimpleMeterRegistry());
        engine = b.build();
        engine.registry().compile(BenchEngines.RULE_SET, null);
        orders = Orders.generate(BenchEngines.SINGLE_POOL, 11);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        engine.close();
    }

    @Benchmark
    public Decision decideUntraced() {
        return engine.decide(BenchEngines.RULE_SET, List.of(orders.get(next++ & (BenchEngines.SINGLE_POOL - 1))),
                BenchEngines.UNTRACED);
    }
}
