package io.regla.benchmarks;

import io.regla.api.Action;
import io.regla.api.Decision;
import io.regla.benchmarks.peers.PeerEngines;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One order per call: decisions per second of each contender. */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SingleFactBenchmark {

    /** Per thread: the next order to decide, and a pooled stateless session with its collector. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;
        RawDrools.StatelessDecider stateless;

        @Setup
        public void setUp(BenchEngines engines) {
            stateless = engines.raw.statelessDecider();
        }

        Order next(BenchEngines engines) {
            return engines.singles.get(next++ & (BenchEngines.SINGLE_POOL - 1));
        }
    }

    @Benchmark
    public List<Action> plainJava(BenchEngines e, Cursor c) {
        List<Action> out = new ArrayList<>(2);
        PlainJavaDecider.decide(c.next(e), out);
        return out;
    }

    /** Raw Drools: a stateless session from a KieSessionsPool, one order per execute. */
    @Benchmark
    public List<Action> rawDroolsStatelessPooled(BenchEngines e, Cursor c) {
        return c.stateless.decide(List.of(c.next(e)));
    }

    /** Raw Drools: a stateful session (pseudo clock) borrowed from a KieSessionsPool, insert, fire, dispose. */
    @Benchmark
    public List<Action> rawDroolsStatefulPooled(BenchEngines e, Cursor c) {
        return e.raw.decideStateful(List.of(c.next(e)));
    }

    /** The same with the pool's default session configuration (realtime clock). */
    @Benchmark
    public List<Action> rawDroolsStatefulPooledRealtimeClock(BenchEngines e, Cursor c) {
        return e.raw.decideStatefulRealtimeClock(List.of(c.next(e)));
    }

    @Benchmark
    public Decision reglaDecideUntraced(BenchEngines e, Cursor c) {
        return e.regla.decide(BenchEngines.RULE_SET, List.of(c.next(e)), BenchEngines.UNTRACED);
    }

    @Benchmark
    public Decision reglaDecideTraced(BenchEngines e, Cursor c) {
        return e.regla.decide(BenchEngines.RULE_SET, List.of(c.next(e)), BenchEngines.TRACED);
    }

    /** Regla with Drools' alpha network compiler. */
    @Benchmark
    public Decision reglaDecideUntracedAnc(BenchEngines e, AncEngine anc, Cursor c) {
        return anc.regla.decide(BenchEngines.RULE_SET, List.of(c.next(e)), BenchEngines.UNTRACED);
    }

    /** Easy Rules 4.1: one {@code fire} with the order's facts. */
    @Benchmark
    public List<Action> easyRules(BenchEngines e, PeerEngines p, Cursor c) {
        List<Action> out = new ArrayList<>(2);
        p.easyRules.decide(c.next(e), out);
        return out;
    }

    /** Evrete 4.0: a reused stateful session per thread (cleared after each call), same-thread executor. */
    @Benchmark
    public List<Action> evrete(BenchEngines e, PeerEngines p, Cursor c) {
        return p.evrete.decide(List.of(c.next(e)));
    }

    /** Evrete 4.0: a new stateless session per call. */
    @Benchmark
    public List<Action> evreteStateless(BenchEngines e, PeerEngines p, Cursor c) {
        return p.evrete.decideStateless(List.of(c.next(e)));
    }
}
