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
 * The batches of {@link BatchBenchmark} on two threads at once, each thread deciding whole batches on the
 * one shared engine. JMH sums the threads' throughput, so the score compares directly with the
 * single-thread figure. The 1,000-order variants are a large batch spread over both cores in chunks of
 * 1,000 (one session per chunk), which is how a caller would split 10,000 independent orders.
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
    @OperationsPerInvocation(10_000)
    public Decision reglaUntraced10k(BenchEngines e) {
        return e.regla.decide(BenchEngines.RULE_SET, e.batch10k, BenchEngines.UNTRACED);
    }
}
