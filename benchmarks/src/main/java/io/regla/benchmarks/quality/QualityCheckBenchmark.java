package io.regla.benchmarks.quality;

import io.regla.api.RulesEngine;
import io.regla.core.Regla;
import io.regla.rules.quality.CheckResult;
import io.regla.rules.quality.QualityCheck;
import io.regla.rules.quality.contract.Contracts;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Records checked per second on one thread for the 10-column sales contract ({@link QualityData}), read from a
 * CSV file: built-in checks only, and with the bundled {@code quality} rule set's custom checks fed in batches of
 * 1,000 (SALE_AMOUNT_MISMATCH is evaluated on every record and never fires: amounts are consistent). The score is records per second
 * ({@link OperationsPerInvocation} = rows).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
public class QualityCheckBenchmark {

    static final int ROWS = 100_000;

    @Param({"builtIn", "withRules"})
    public String checks;

    private Path dir;
    private Contracts contracts;
    private RulesEngine engine;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = QualityData.write(Files.createTempDirectory("quality-bench"), ROWS, 1000);
        contracts = Contracts.load(dir);
        if (checks.equals("withRules")) engine = Regla.builder().bundledRules().build();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        if (engine != null) engine.close();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public long check() {
        QualityCheck.Builder b = QualityCheck.builder(contracts).at(Instant.parse("2026-03-01T00:00:00Z"));
        if (engine != null) b.rules(engine, List.of("quality"));
        CheckResult r = b.build().run();
        if (r.findings().size() != ROWS / 1000) {
            throw new IllegalStateException("expected one RANGE finding per 1,000 rows, got "
                    + r.datasets().get(0).findings());
        }
        return r.datasets().get(0).records();
    }
}
