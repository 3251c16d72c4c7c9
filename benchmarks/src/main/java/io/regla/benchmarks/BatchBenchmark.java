package io.regla.benchmarks;

import io.regla.api.Action;
import io.regla.api.Decision;
import io.regla.benchmarks.peers.PeerEngines;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Many orders per call, all in one session: orders decided per second (the score counts orders, not
 * calls, through {@link OperationsPerInvocation}). One thread; {@link ParallelBatchBenchmark} runs the
 * same calls on two.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class BatchBenchmark {

    /** A pooled stateless session per thread. */
    @State(Scope.Thread)
    public static class Stateless {
        RawDrools.StatelessDecider decider;

        @Setup
        public void setUp(BenchEngines engines) {
            decider = engines.raw.statelessDecider();
        }
    }

    // --- 1,000 orders per call

    @Benchmark
    @OperationsPerInvocation(1_000)
    public List<Action> plainJava1k(BenchEngines e) {
        return plain(e.batch1k);
    }

    @Benchmark
    @OperationsPerInvocation(1_000)
    public List<Action> rawDroolsStateless1k(BenchEngines e, Stateless s) {
        return s.decider.decide(e.batch1k);
    }

    @Benchmark
    @OperationsPerInvocation(1_000)
    public List<Action> rawDroolsStateful1k(BenchEngines e) {
        return e.raw.decideStateful(e.batch1k);
    }

    @Benchmark
    @OperationsPerInvocation(1_000)
    public Decision reglaUntraced1k(BenchEngines e) {
        return e.regla.decide(BenchEngines.RULE_SET, e.batch1k, BenchEngines.UNTRACED);
    }

    @Benchmark
    @OperationsPerInvocation(1_000)
    public Decision reglaUntracedAnc1k(BenchEngines e, AncEngine anc) {
        return anc.regla.decide(BenchEngines.RULE_SET, e.batch1k, BenchEngines.UNTRACED);
    }

    @Benchmark
    @OperationsPerInvocation(1_000)
    public List<Action> easyRules1k(BenchEngines e, PeerEngines p) {
        return p.easyRules.decide(e.batch1k);
    }

    @Benchmark
    @OperationsPerInvocation(1_000)
    public List<Action> evrete1k(BenchEngines e, PeerEngines p) {
        return p.evrete.decide(e.batch1k);
    }

    // --- 10,000 orders per call

    @Benchmark
    @OperationsPerInvocation(10_000)
    public List<Action> plainJava10k(BenchEngines e) {
        return plain(e.batch10k);
    }

    @Benchmark
    @OperationsPerInvocation(10_000)
    public List<Action> rawDroolsStateless10k(BenchEngines e, Stateless s) {
        return s.decider.decide(e.batch10k);
    }

    @Benchmark
    @OperationsPerInvocation(10_000)
    public List<Action> rawDroolsStateful10k(BenchEngines e) {
        return e.raw.decideStateful(e.batch10k);
    }

    @Benchmark
    @OperationsPerInvocation(10_000)
    public Decision reglaUntraced10k(BenchEngines e) {
        return e.regla.decide(BenchEngines.RULE_SET, e.batch10k, BenchEngines.UNTRACED);
    }

    @Benchmark
    @OperationsPerInvocation(10_000)
    public Decision reglaTraced10k(BenchEngines e) {
        return e.regla.decide(BenchEngines.RULE_SET, e.batch10k, BenchEngines.TRACED);
    }

    @Benchmark
    @OperationsPerInvocation(10_000)
    public Decision reglaUntracedAnc10k(BenchEngines e, AncEngine anc) {
        return anc.regla.decide(BenchEngines.RULE_SET, e.batch10k, BenchEngines.UNTRACED);
    }

    @Benchmark
    @OperationsPerInvocation(10_000)
    public List<Action> easyRules10k(BenchEngines e, PeerEngines p) {
        return p.easyRules.decide(e.batch10k);
    }

    @Benchmark
    @OperationsPerInvocation(10_000)
    public List<Action> evrete10k(BenchEngines e, PeerEngines p) {
        return p.evrete.decide(e.batch10k);
    }

    static List<Action> plain(List<Order> orders) {
        List<Action> out = new ArrayList<>(orders.size() * 2);
        PlainJavaDecider.decideAll(orders, out);
        return out;
    }
}
