package io.regla.benchmarks;

import io.regla.api.Action;
import io.regla.api.Decision;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The 10,000-order batch of {@link BatchBenchmark} on two threads at once, each thread deciding whole
 * batches on the one shared engine. JMH sums the threads' throughput, so the score compares directly
 * with the single-thread figure.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(2)
public class ParallelBatchBenchmark {

    @Benchmark
    @OperationsPerInvocation(10_000)
    public List<Action> plainJava10k(BenchEngines e) {
        return BatchBenchmark.plain(e.batch10k);
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
}
