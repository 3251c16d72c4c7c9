package io.regla.benchmarks.loyalty;

import io.regla.adapters.store.jdbc.JdbcStore;
import io.regla.core.Regla;
import io.regla.core.decide.DroolsEngine;
import io.regla.rules.loyalty.migration.CrmMigration;
import io.regla.rules.loyalty.migration.ExportGenerator;
import io.regla.rules.loyalty.migration.LegacyFile;
import io.regla.rules.loyalty.migration.MigrationResult;
import io.regla.rules.loyalty.migration.PlainExportReplay;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue 11's scale run, end to end on the embedded default store (H2): generate an export, migrate it
 * with every check (profile, load with rejects, replay through the rules, expiry, balance verification,
 * key-level reconcile), then replay the same valid history with the plain-Java rules for the ratio.
 * Prints throughput per stage and peak heap. Not JMH: one long run, as the migration is run once.
 *
 * <pre>java -Xmx4g -cp ... io.regla.benchmarks.loyalty.LoyaltyMigrationBenchmark MEMBERS TRANSACTIONS WORKDIR [BATCH] [h2|postgres] [anc] [threads=N] [noplain] [h2=KEY=V;KEY=V] [order=member|time] [export=DIR] [stop=load]</pre>
 *
 * <p>{@code postgres}: the same run on an embedded PostgreSQL (rows and ledger through {@code COPY}) started in
 * WORKDIR/pg; {@code anc}: the engine built with Drools' alpha network compiler; {@code threads=N}: the migration's
 * threads (default: {@link CrmMigration#defaultThreads()}); {@code noplain}: no plain-Java yardstick (it holds the whole export in memory);
 * {@code h2=KEY=V;KEY=V}: H2 settings appended to the store's URL (e.g. {@code h2=RETENTION_TIME=0}), to compare H2's
 * settings on the same code; the run then prints the CPU of H2's writer threads per stage and the file's size;
 * {@code order=time}: the export in time order, as a core-banking CRM writes it ({@link ExportGenerator.Order#TIME}: each
 * file by time, ids numbered with time, a member's rows spread over the whole file) instead of grouped by member (the
 * default, {@code order=member}, which every figure before session 10 used and which flatters the load);
 * {@code export=DIR}: migrate that export (read only, e.g. one generated before) instead of generating one (MEMBERS and
 * TRANSACTIONS are then unused, and the rejects and balances are not compared with the generator's); {@code stop=load}: end
 * the run once the load has committed its last batch (the load's wall and thread CPU are printed as it ends).
 *
 * <p>After each stage it forces a full collection and prints the heap still in use: the live set the stage leaves
 * (the sum of pool peaks, also printed, counts garbage G1 had no reason to collect yet).
 */
public final class LoyaltyMigrationBenchmark {

    public static void main(String[] args) throws Exception {
        long members = Long.parseLong(args[0]);
        long transactions = Long.parseLong(args[1]);
        Path work = Path.of(args[2]);
        int batch = args.length > 3 ? Integer.parseInt(args[3]) : 2000;
        java.util.List<String> flags = java.util.Arrays.asList(args).subList(Math.min(4, args.length), args.length);
        boolean postgres = flags.contains("postgres");
        boolean anc = flags.contains("anc");
        boolean noPlain = flags.contains("noplain");
        String h2Settings = flags.stream().filter(f -> f.startsWith("h2=")).map(f -> ";" + f.substring(3)).findFirst().orElse("");
        ExportGenerator.Order order = flags.stream().filter(f -> f.startsWith("order=")).map(f -> ExportGenerator.Order.parse(f.substring(6)))
                .findFirst().orElse(ExportGenerator.Order.MEMBER);
        int threads = flags.stream().filter(f -> f.startsWith("threads=")).map(f -> Integer.parseInt(f.substring(8))).findFirst()
                .orElse(CrmMigration.defaultThreads());
        Files.createDirectories(work);
        AtomicLong peak = new AtomicLong();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "heap-sampler");
            t.setDaemon(true);
            return t;
        });
        sampler.scheduleAtFixedRate(() -> peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max),
                0, 200, TimeUnit.MILLISECONDS);

        Path given = flags.stream().filter(f -> f.startsWith("export=")).map(f -> Path.of(f.substring(7))).findFirst().orElse(null);
        boolean stopAfterLoad = flags.contains("stop=load");
        Path export = given != null ? given : work.resolve("export");
        long t0 = System.nanoTime();
        long cpu0 = processCpu();
        ExportGenerator.Result g = null;
        double generate = 0;
        if (given == null) {
            g = new ExportGenerator().generate(export, members, transactions, 42, true, order);
            generate = secs(t0);
            long rows = g.legacy().values().stream().mapToLong(Long::longValue).sum();
            System.out.printf("generate (%s order): %,d rows in %.1f s (%,.0f rows/s), process CPU %.1f s %s%n", order.name().toLowerCase(java.util.Locale.ROOT),
                    rows, generate, rows / generate, (processCpu() - cpu0) / 1e9, g.legacy());
            System.out.printf("  live heap after generate: %,d MiB%n", liveHeapMiB());
        } else {
            System.out.printf("export: %s (given, not generated)%n", export);
        }

        Files.deleteIfExists(work.resolve("db.mv.db"));
        MigrationResult r;
        long t1 = System.nanoTime();
        long cpu1 = processCpu();
        io.zonky.test.db.postgres.embedded.EmbeddedPostgres pg = postgres ? io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                .setDataDirectory(work.resolve("pg")).setCleanDataDirectory(true).start() : null;
        try (DroolsEngine engine = Regla.builder().bundledRules().alphaNetworkCompiler(anc).buildDrools();
             JdbcStore store = pg != null ? JdbcStore.connect(pg.getJdbcUrl("postgres", "postgres"), "postgres", null, Clock.systemUTC())
                     : JdbcStore.h2(work.resolve("db"), h2Settings, Clock.systemUTC())) {
            System.out.printf("store: %s%s, %d threads%n", postgres ? "embedded PostgreSQL" : "H2 file" + h2Settings, anc ? ", alpha network compiler" : "",
                    threads);
            long[] stageCpu = {processCpu(), h2WriterCpu()};
            r = CrmMigration.builder(engine, store.ledger(), store.loyaltyMigration()).batchSize(batch).threads(threads)
                    .afterStage(stage -> {
                        long now = processCpu();
                        long writer = h2WriterCpu();
                        System.out.printf("  after %-7s process CPU %6.1f s, H2 writer threads CPU %5.1f s, live heap %,d MiB%n", stage,
                                (now - stageCpu[0]) / 1e9, (writer - stageCpu[1]) / 1e9, liveHeapMiB());
                        stageCpu[0] = processCpu();
                        stageCpu[1] = h2WriterCpu();
                        System.out.printf("    CPU so far per thread group: %s%n", threadGroupsCpu());
                        if (stopAfterLoad && stage.equals("load")) throw new StoppedAfterLoad();
                    })
                    .log(line -> {
                        // the load's figures and the members' ids it held, not its line per batch
                        if (line.startsWith("load:") || line.startsWith("members.csv: ")) System.out.println("  " + line);
                    })
                    .cutover(ExportGenerator.DEFAULT_CUTOVER).build().run(export);
        } catch (StoppedAfterLoad e) {
            System.out.printf("stopped after the load (stop=load): %.1f s, migrate process CPU %.1f s%n", secs(t1), (processCpu() - cpu1) / 1e9);
            sampler.shutdownNow();
            return;
        } finally {
            if (pg != null) pg.close();
        }
        double migrate = secs(t1);
        System.out.print(r.summary());
        long rows = r.files().values().stream().mapToLong(MigrationResult.FileCounts::legacy).sum();
        long events = r.files().get(LegacyFile.TRANSACTIONS).migrated() + r.files().get(LegacyFile.REFUNDS).migrated()
                + r.files().get(LegacyFile.REDEMPTIONS).migrated();
        r.millisByStage().forEach((stage, ms) -> System.out.printf("  %-12s %8.1f s  %,10.0f %s/s%n", stage, ms / 1000.0,
                (stage.startsWith("replay") ? events : rows) / Math.max(0.001, ms / 1000.0), stage.startsWith("replay") ? "events" : "rows"));
        System.out.printf("migrate process CPU (all threads, GC included): %.1f s%n", (processCpu() - cpu1) / 1e9);
        if (g != null) {
            System.out.printf("migrate total: %.1f s; expected rejects found: %s; balances as generated: %s%n", migrate,
                    r.rejects().equals(g.expectedRejects()), r.balanceCounts().equals(g.expectedBalances()));
        }
        if (!postgres) System.out.printf("H2 file after close: %,d MiB%n", Files.size(work.resolve("db.mv.db")) >> 20);

        if (noPlain) {
            printPeaks(generate + migrate, peak.get());
            sampler.shutdownNow();
            return;
        }
        PlainExportReplay plain = PlainExportReplay.load(export);
        long t2 = System.nanoTime();
        long tc = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        long sum = plain.replay(ExportGenerator.DEFAULT_CUTOVER.toInstant());
        double plainSecs = secs(t2);
        double plainCpu = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - tc) / 1e9;
        double replaySecs = r.millisByStage().get("replay") / 1000.0;
        System.out.printf("plain Java replay: %,d events in %.2f s (%,.0f events/s), balances sum %,d%n", plain.events(), plainSecs,
                plain.events() / plainSecs, sum);
        System.out.printf("ratio engine replay stage (rules + ledger in the store) / plain Java in memory: %.1f x wall, %.1f x thread CPU (%.1f s / %.2f s)%n",
                replaySecs / plainSecs, r.millisByStage().get("replay.cpu") / 1000.0 / plainCpu, r.millisByStage().get("replay.cpu") / 1000.0, plainCpu);
        printPeaks(generate + migrate, peak.get());
        sampler.shutdownNow();
    }

    /** Thrown from the stage hook to end a {@code stop=load} run once the load has committed its last batch. */
    private static final class StoppedAfterLoad extends RuntimeException {
        StoppedAfterLoad() {
            super("stopped after the load", null, false, false);
        }
    }

    private static void printPeaks(double seconds, long sampled) {
        System.out.printf("end to end (generate + migrate): %.1f s; peak heap (sampled) %,d MiB; max heap %,d MiB%n", seconds,
                sampled >> 20, Runtime.getRuntime().maxMemory() >> 20);
        long poolPeak = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) poolPeak += p.getPeakUsage().getUsed();
        }
        System.out.printf("peak heap (sum of pool peaks) %,d MiB%n", poolPeak >> 20);
    }

    /** Heap in use after a full collection (System.gc() is a full, stop-the-world collection with G1's defaults). */
    private static long liveHeapMiB() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
    }

    /**
     * CPU of H2's writer threads: the MVStore background writer (saves unsaved changes every WRITE_DELAY ms, compacts
     * chunks) and the pool it serialises and saves pages with ("H2-serialization", "H2-save"); 0 once they ended.
     */
    private static long h2WriterCpu() {
        var threads = ManagementFactory.getThreadMXBean();
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("MVStore background writer") || t.getName().startsWith("H2-serialization")
                        || t.getName().startsWith("H2-save"))
                .mapToLong(t -> Math.max(0, threads.getThreadCpuTime(t.getId()))).sum();
    }

    /**
     * CPU so far per thread group of this JVM, from Linux's /proc (names without their number, cut at 15 characters):
     * what the Java thread CPU above does not show, the collector's and the JIT compilers' threads.
     */
    private static String threadGroupsCpu() {
        java.util.Map<String, Long> ticks = new java.util.TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String stat = Files.readString(task.resolve("stat"));
                int close = stat.lastIndexOf(')');
                String name = stat.substring(stat.indexOf('(') + 1, close).replaceAll("#?\\d+$", "").trim();
                String[] fields = stat.substring(close + 2).split(" ");
                ticks.merge(name, Long.parseLong(fields[11]) + Long.parseLong(fields[12]), Long::sum); // utime + stime
            }
        } catch (java.io.IOException | RuntimeException e) {
            return "(no /proc: " + e.getMessage() + ")";
        }
        // clock ticks of 10 ms (USER_HZ 100 on Linux)
        return ticks.entrySet().stream().filter(e -> e.getValue() >= 50)
                .map(e -> String.format("%s %.1f s", e.getKey(), e.getValue() / 100.0)).collect(java.util.stream.Collectors.joining(", "));
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double secs(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
