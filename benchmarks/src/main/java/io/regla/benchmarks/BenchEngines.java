package io.regla.benchmarks;

import io.regla.api.DecideOptions;
import io.regla.api.Decision;
import io.regla.api.RulesEngine;
import io.regla.core.Regla;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.time.Instant;
import java.util.List;

/**
 * What every throughput benchmark shares: raw Drools and a Regla engine on the bench-ref rule set, both
 * compiled and warmed once per fork, and the orders to decide on (the same orders for every contender).
 */
@State(Scope.Benchmark)
public class BenchEngines {

    public static final String RULE_SET = "bench-ref";
    public static final Instant AS_OF = Instant.parse("2026-06-01T12:00:00Z");
    public static final DecideOptions UNTRACED = DecideOptions.builder().asOf(AS_OF).tracing(false).build();
    public static final DecideOptions TRACED = DecideOptions.builder().asOf(AS_OF).tracing(true).build();
    /** Orders cycled through by the one-fact-per-call benchmarks (a power of two). */
    public static final int SINGLE_POOL = 1024;

    public RawDrools raw;
    public RulesEngine regla;
    public List<Order> singles;
    public List<Order> batch1k;
    public List<Order> batch10k;

    @Setup(Level.Trial)
    public void setUp() {
        raw = new RawDrools(Math.max(2, Runtime.getRuntime().availableProcessors()));
        regla = Regla.builder().bundledRules().build();
        regla.registry().compile(RULE_SET, null);
        singles = Orders.generate(SINGLE_POOL, 11);
        batch1k = Orders.generate(1_000, 13);
        batch10k = Orders.generate(10_000, 17);
        // A wrong setup must not produce figures: both engines have to decide like the plain Java baseline.
        Decision d = regla.decide(RULE_SET, batch1k, UNTRACED);
        int rawCount = raw.decideStateful(batch1k).size();
        java.util.ArrayList<io.regla.api.Action> expected = new java.util.ArrayList<>();
        PlainJavaDecider.decideAll(batch1k, expected);
        if (d.actions().size() != expected.size() || rawCount != expected.size()) {
            throw new IllegalStateException("engines disagree with plain Java: Regla " + d.actions().size()
                    + ", raw " + rawCount + ", plain " + expected.size() + " actions");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        raw.shutdown();
        regla.close();
    }
}
