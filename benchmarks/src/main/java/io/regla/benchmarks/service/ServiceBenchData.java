package io.regla.benchmarks.service;

import io.regla.adapters.store.jdbc.JdbcServiceBulkLoad;
import io.regla.adapters.store.jdbc.JdbcStore;
import io.regla.api.RulesEngine;
import io.regla.rules.service.demo.ContactCentreGenerator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The benchmark's store: a generated contact centre of N conversations loaded once into an H2 file under
 * benchmarks/target/service-bench-N/ (or under {@code $SERVICE_BENCH_DIR}, see {@link #folder}) and reused by later
 * runs. It is loaded by {@link JdbcServiceBulkLoad}: the rule set's classification in memory, batched inserts (the
 * plain indexes created after), the repository's aggregate rebuild — the same tables
 * {@code regla service import} would fill (H2ServiceBulkLoadProperties), without its per-row re-reads.
 */
public final class ServiceBenchData {

    public static final LocalDate TODAY = LocalDate.parse("2026-03-02");
    public static final Clock CLOCK = Clock.fixed(TODAY.atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);

    private ServiceBenchData() {
    }

    /**
     * The store's folder: {@code $SERVICE_BENCH_DIR/service-bench-N} when that variable is set (a store kept outside
     * the build, reused by every checkout: {@code SERVICE_BENCH_DIR=/work/data}), else benchmarks/target/service-bench-N
     * (run from the project root or from benchmarks/).
     */
    public static Path folder(int n) {
        String parent = System.getenv("SERVICE_BENCH_DIR");
        if (parent != null && !parent.isBlank()) return Path.of(parent, "service-bench-" + n);
        Path dir = Path.of("benchmarks", "target", "service-bench-" + n);
        return Files.isDirectory(dir.getParent()) ? dir : Path.of("target", "service-bench-" + n);
    }

    /** Opens (loading first when missing) the store of {@code n} conversations. */
    public static JdbcStore open(int n, RulesEngine engine) throws IOException {
        Path dir = folder(n);
        Path done = dir.resolve("loaded");
        if (!Files.exists(done) && Files.isDirectory(dir)) {
            try (var files = Files.list(dir)) {                    // a load that was stopped: start again
                for (Path f : files.toList()) Files.delete(f);
            }
        }
        Files.createDirectories(dir);
        JdbcStore store = JdbcStore.h2(dir.resolve("regla"), CLOCK);
        if (!Files.exists(done)) {
            long t0 = System.nanoTime();
            long cpu0 = cpuNanos();
            JdbcServiceBulkLoad load = new JdbcServiceBulkLoad(store, engine, Instant.now(CLOCK));
            ContactCentreGenerator.Result r = ContactCentreGenerator.generate(42, n, TODAY, load::conversation, load::sale);
            long[] loaded = load.finish();
            String line = String.format("%d conversations, %d sales: bulk-loaded, classified and aggregated in %.1f s wall,"
                            + " %.1f s CPU of this thread (load average %s)%n",
                    loaded[0], loaded[1], (System.nanoTime() - t0) / 1e9, (cpuNanos() - cpu0) / 1e9, loadAverage());
            if (loaded[0] != r.conversations() || loaded[1] != r.sales()) throw new IllegalStateException("loaded " + line);
            Files.writeString(done, line);
            System.out.print(line);
        }
        return store;
    }

    private static long cpuNanos() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }
}
