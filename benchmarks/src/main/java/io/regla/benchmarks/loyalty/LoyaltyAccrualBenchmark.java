package io.regla.benchmarks.loyalty;

import io.regla.api.Action;
import io.regla.api.DecideOptions;
import io.regla.api.Decision;
import io.regla.api.RulesEngine;
import io.regla.core.Regla;
import io.regla.rules.loyalty.AccruePoints;
import io.regla.rules.loyalty.CardTransaction;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Accrual decisions per second with the bundled {@code loyalty} 1.0.0 rules: one transaction per engine
 * call (with its member, lots and the campaigns) and 1,000 per call, against {@link PlainJavaLoyalty}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class LoyaltyAccrualBenchmark {

    static final int BATCH = 1_000;
    static final int SINGLES = 1_024;
    static final DecideOptions OPTIONS = DecideOptions.builder().version("1.0.0")
            .asOf(Instant.parse("2025-04-01T03:00:00Z")).tracing(false).build();

    RulesEngine engine;
    LoyaltyData data;
    List<CardTransaction> batch;
    List<Object> batchFacts;
    List<List<Object>> singleFacts;
    List<List<CardTransaction>> singleTx;
    int next;

    @Setup(Level.Trial)
    public void setUp() {
        engine = Regla.builder().bundledRules().build();
        data = new LoyaltyData(800, BATCH, 42);
        batch = data.transactions;
        batchFacts = data.facts(batch);
        singleFacts = new ArrayList<>();
        singleTx = new ArrayList<>();
        for (int i = 0; i < SINGLES; i++) {
            List<CardTransaction> one = List.of(batch.get(i % batch.size()));
            singleTx.add(one);
            singleFacts.add(data.facts(one));
        }
        // figures only for a setup where both decide alike
        long engineSum = engine.decide("loyalty", batchFacts, OPTIONS).actions(AccruePoints.class).stream().mapToLong(AccruePoints::points).sum();
        long plainSum = data.plain(batch).stream().filter(a -> a instanceof AccruePoints).mapToLong(a -> ((AccruePoints) a).points()).sum();
        if (engineSum != plainSum) throw new IllegalStateException("engine " + engineSum + " points, plain Java " + plainSum);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        engine.close();
    }

    @Benchmark
    public Decision engineSingle() {
        return engine.decide("loyalty", singleFacts.get(next++ & (SINGLES - 1)), OPTIONS);
    }

    @Benchmark
    public List<Action> plainJavaSingle() {
        return data.plain(singleTx.get(next++ & (SINGLES - 1)));
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public Decision engineBatch1k() {
        return engine.decide("loyalty", batchFacts, OPTIONS);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public List<Action> plainJavaBatch1k() {
        return data.plain(batch);
    }
}
