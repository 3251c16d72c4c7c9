package io.regla.rules.loyalty.migration;

import io.regla.api.RuleSetInfo;
import io.regla.api.RulesEngine;
import io.regla.rules.loyalty.LoyaltyProcessor;
import io.regla.rules.loyalty.LoyaltyReport;
import io.regla.rules.loyalty.ledger.Ledger;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The old CRM's export migrated into the ledger, checked before, during and after.
 * <ol>
 *   <li>Before: {@link ExportProfile} (single-record checks and control totals).</li>
 *   <li>During: {@link ExportLoader} per file (rejects with their check, checkpoints per batch), then the
 *       history replayed through the effective-dated rules and expired at the cut-over by {@link ChunkReplay},
 *       a chunk of members at a time (checkpoint with each chunk).</li>
 *   <li>After: completeness (legacy = migrated + rejected per file, counts and sums, every legacy line
 *       accounted for) and {@link BalanceVerifier}.</li>
 * </ol>
 * Every stage resumes from its checkpoint or is idempotent, so a run killed anywhere and run again ends in the
 * same state as one that was never interrupted, and a second run over the same export changes nothing.
 *
 * <p>With more than one thread ({@link Builder#threads}) the work that only reads runs beside the work that writes
 * (the before check beside the load, the key-level reconcile beside the balance verification) and chunks of members
 * are decided in parallel. On a store whose writes a database server does ({@link MigrationStore#writesInAnotherProcess()},
 * PostgreSQL) the same holds with one thread: the reads run beside, and the next chunk is decided while the server
 * commits the last one, since the calling thread would only wait for it; every write is still made by the calling thread in the single-threaded order, so the
 * checkpoints, the ledger and what a killed run resumes from do not depend on the thread count.
 */
public final class CrmMigration {

    private final RulesEngine engine;
    private final Ledger ledger;
    private final MigrationStore store;
    private final int batchSize;
    private final OffsetDateTime cutover;
    private final Consumer<String> log;
    private final int evidence;
    private final int perTier;
    private final int threads;
    private final Consumer<String> afterStage;

    private CrmMigration(Builder b) {
        this.engine = b.engine;
        this.ledger = b.ledger;
        this.store = b.store;
        this.batchSize = b.batchSize;
        this.cutover = b.cutover;
        this.log = b.log;
        this.evidence = b.evidence;
        this.perTier = b.perTier;
        this.threads = b.threads;
        this.afterStage = b.afterStage;
    }

    public static Builder builder(RulesEngine engine, Ledger ledger, MigrationStore store) {
        return new Builder(engine, ledger, store);
    }

    /** @throws UnreadableExportException when a file is missing, has another header, or cannot be read */
    public MigrationResult run(Path export) {
        // marked running for its whole length: a resumed run's load finds the index a killed replay dropped, and is not the killed run
        try (MigrationStore.Running running = store.begin()) {
            return migrate(export);
        }
    }

    private MigrationResult migrate(Path export) {
        Map<String, Long> timings = new LinkedHashMap<>();
        RuleSetInfo first = engine.registry().versions(LoyaltyProcessor.RULE_SET).stream()
                .min(Comparator.comparing(RuleSetInfo::effectiveFrom)).orElseThrow(() -> new IllegalStateException("no loyalty rule set"));
        ZoneId zone = first.timeZone();
        RowParser parser = new RowParser(first.effectiveFrom());
        store.prepareBulk();
        // every file there with its header before anything is written: an unreadable export loads nothing
        for (LegacyFile f : LegacyFile.values()) {
            try (java.io.BufferedReader r = ExportFiles.open(export, f)) {
                r.ready();
            } catch (java.io.IOException e) {
                throw new UnreadableExportException(export.resolve(f.fileName()) + ": " + e.getMessage(), e);
            }
        }
        // the before check reads the same files as the load and writes nothing: with a second thread, or while a database
        // server does the load's writes (the calling thread waits on it), it runs beside the load
        boolean beside = threads > 1 || store.writesInAnotherProcess();
        Beside<ExportProfile> before = Beside.start("regla-migration-before", beside,
                () -> BeforeCheck.run(export, parser, zone, Instant.now()));
        if (!beside) before.get();

        long t1 = System.nanoTime(), ct1 = cpu();
        Map<LegacyFile, BigDecimal> rejectedSums = new EnumMap<>(LegacyFile.class);
        ExportLoader loader = new ExportLoader(store, parser, batchSize, log);
        long indexMillis;
        try {
            try {
                for (LegacyFile f : LegacyFile.values()) rejectedSums.put(f, loader.load(export, f));
            } finally {
                loader.release(); // the members' ids it held: not in the replay's heap
            }
            // the indexes the load dropped (this run, or a killed one whose load had ended), built before the replay reads by member
            long ti = System.nanoTime();
            store.restoreLoadIndexes();
            indexMillis = lap(ti);
        } catch (RuntimeException | Error e) {
            before.cancel();
            throw e;
        }
        long loadMillis = lap(t1), loadCpu = cpu() - ct1;
        log.accept(String.format(java.util.Locale.ROOT, "load: %.1f s, thread CPU %.1f s (indexes built after it: %.1f s)", loadMillis / 1000.0,
                loadCpu / 1000.0, indexMillis / 1000.0));
        ExportProfile profile = before.get();
        log.accept("before: " + profile.files());
        timings.put("profile", before.millis());
        timings.put("profile.cpu", before.cpuMillis());
        timings.put("load", loadMillis);
        timings.put("load.cpu", loadCpu);
        timings.put("load.indexes", indexMillis); // part of "load": building the indexes it dropped
        afterStage.accept("load");

        long t2 = System.nanoTime(), ct2 = cpu();
        Instant at = cutover != null ? cutover.toInstant() : latest();
        ChunkReplay.Reports replayed = new ChunkReplay(engine, store, batchSize, Math.max(1, batchSize / 4), threads,
                store.writesInAnotherProcess(), java.time.Clock.systemUTC()).run(at);
        LoyaltyReport replay = replayed.replay();
        LoyaltyReport expiry = replayed.expiry();
        timings.put("replay", lap(t2));
        // the calling thread's (reads, commits) and the workers' (decisions)
        timings.put("replay.cpu", cpu() - ct2 + replayed.workerCpuMillis());
        timings.put("replay.commit.cpu", replayed.commitCpuMillis());
        timings.put("replay.indexes", replayed.indexMillis()); // part of "replay": building the ledger's key and index it dropped
        afterStage.accept("replay");

        long t3 = System.nanoTime(), ct3 = cpu();
        // the key-level reconcile reads the export and the migration's tables, the verification writes only the ledger
        Beside<Long> reconcile = Beside.start("regla-migration-reconcile", beside, () -> new KeyReconcile(store, batchSize).unaccounted(export));
        BalanceVerification balances;
        Map<LegacyFile, MigrationResult.FileCounts> files = new EnumMap<>(LegacyFile.class);
        Map<String, Long> rejects = new TreeMap<>();
        try {
            balances = new BalanceVerifier(store, ledger, at, zone, evidence, perTier).verify();
            for (LegacyFile f : LegacyFile.values()) {
                Map<String, Long> byCheck = store.rejectsByCheck(f);
                byCheck.forEach((k, v) -> rejects.merge(k, v, Long::sum));
                long rejected = byCheck.values().stream().mapToLong(Long::longValue).sum();
                ExportProfile.FileTotals legacy = profile.totals(f);
                files.put(f, new MigrationResult.FileCounts(legacy.rows(), store.migratedCount(f), rejected, legacy.sum(),
                        store.migratedSum(f), rejectedSums.get(f)));
            }
        } catch (RuntimeException | Error e) {
            reconcile.cancel();
            throw e;
        }
        long unaccounted = reconcile.get();
        timings.put("verify", lap(t3));
        timings.put("verify.cpu", cpu() - ct3 + (beside ? reconcile.cpuMillis() : 0));
        afterStage.accept("verify");
        return new MigrationResult(files, rejects, profile, balances, replay, expiry, unaccounted, at, zone, timings);
    }

    /**
     * One migration thread per two cores, at most 4: beside one migration thread the JVM's own (GC, the JIT, H2's page
     * writer) already keep about a core busy, and on two cores a second migration thread cost more CPU and wall time
     * than it saved (benchmarks/README.md, "Loyalty migration, session 5: pipeline").
     */
    public static int defaultThreads() {
        return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() / 2));
    }

    private Instant latest() {
        Long ms = store.latestEventMillis();
        return ms == null ? Instant.now() : Instant.ofEpochMilli(ms);
    }

    private static long lap(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** CPU time of this thread (the migration runs on one), for figures on a shared machine where wall time lies. */
    private static long cpu() {
        java.lang.management.ThreadMXBean t = java.lang.management.ManagementFactory.getThreadMXBean();
        return t.isCurrentThreadCpuTimeSupported() ? t.getCurrentThreadCpuTime() / 1_000_000 : 0;
    }

    public static final class Builder {
        private final RulesEngine engine;
        private final Ledger ledger;
        private final MigrationStore store;
        private int batchSize = 2000;
        private OffsetDateTime cutover;
        private Consumer<String> log = s -> { };
        private int evidence = 20;
        private int perTier = 3;
        private int threads = defaultThreads();
        private Consumer<String> afterStage = s -> { };

        private Builder(RulesEngine engine, Ledger ledger, MigrationStore store) {
            this.engine = Objects.requireNonNull(engine);
            this.ledger = Objects.requireNonNull(ledger);
            this.store = Objects.requireNonNull(store);
        }

        /** Rows per committed batch when loading, events per engine call when replaying (a quarter of it: members per replayed chunk). */
        public Builder batchSize(int n) {
            if (n < 1) throw new IllegalArgumentException("batch size must be positive");
            this.batchSize = n;
            return this;
        }

        /** The CRM's cut-over instant (balances are compared then); default: the export's latest event. */
        public Builder cutover(OffsetDateTime cutover) {
            this.cutover = cutover;
            return this;
        }

        /** Progress lines (never personal data). */
        public Builder log(Consumer<String> log) {
            this.log = Objects.requireNonNull(log);
            return this;
        }

        /** How many drifted members' statements the report shows as evidence, and how many members per tier it samples. */
        public Builder evidence(int drifts, int perTier) {
            this.evidence = drifts;
            this.perTier = perTier;
            return this;
        }

        /**
         * Threads the migration uses (default: {@link #defaultThreads()}): with two or more, the before check runs beside
         * the load and chunks of members are replayed in parallel (committed in order, so the ledger does not depend on it).
         */
        public Builder threads(int n) {
            if (n < 1) throw new IllegalArgumentException("threads must be positive");
            this.threads = n;
            return this;
        }

        /** Called on the calling thread when a stage ends ("load", with the before check; "replay"; "verify"), e.g. to measure the heap. */
        public Builder afterStage(Consumer<String> hook) {
            this.afterStage = Objects.requireNonNull(hook);
            return this;
        }

        public CrmMigration build() {
            return new CrmMigration(this);
        }
    }
}
