package io.regla.benchmarks.loyalty;

import io.regla.adapters.store.jdbc.JdbcStore;
import io.regla.rules.loyalty.ledger.Ledger;
import io.regla.rules.loyalty.ledger.Posting;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Ledger appends per second (accrual postings: unique key, member lock, entries) on H2 (file) and
 * PostgreSQL (embedded), one posting per call and 100 per call, cycling over 100,000 members.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class LoyaltyLedgerBenchmark {

    static final int BATCH = 100;
    static final Instant AT = Instant.parse("2025-03-10T13:00:00Z");

    @Param({"h2", "postgres"})
    public String database;

    EmbeddedPostgres postgres;
    JdbcStore store;
    Ledger ledger;
    long serial;
    String run;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        if (database.equals("h2")) {
            Path dir = Files.createTempDirectory("regla-bench-ledger");
            store = JdbcStore.h2(dir.resolve("ledger"), Clock.systemUTC());
        } else {
            postgres = EmbeddedPostgres.builder().start();
            store = JdbcStore.open(postgres.getPostgresDatabase(), Clock.systemUTC());
        }
        ledger = store.ledger();
        run = Long.toString(System.nanoTime(), 36);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        store.close();
        if (postgres != null) postgres.close();
    }

    private Posting.Accrual accrual(int member) {
        long n = serial++;
        return new Posting.Accrual("M" + member, run + "-T" + n, 100, AT, AT.plus(Duration.ofDays(10)), AT.plus(Duration.ofDays(730)), "bench");
    }

    /** Members cycled through: enough that each holds a realistic few dozen entries by the end of a run. */
    static final int MEMBERS = 100_000;

    @Benchmark
    public Object appendSingle() {
        return ledger.post(accrual((int) (serial % MEMBERS)));
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public Object appendBatch100() {
        List<Posting> postings = new ArrayList<>(BATCH);
        int base = (int) (serial % MEMBERS);
        for (int i = 0; i < BATCH; i++) postings.add(accrual((base + i) % MEMBERS));
        return ledger.postAll(postings);
    }
}
