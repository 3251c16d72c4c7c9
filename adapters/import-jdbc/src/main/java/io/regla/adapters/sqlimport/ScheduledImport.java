package io.regla.adapters.sqlimport;

import io.regla.api.PersonalData;
import io.regla.api.spi.CursorLease;
import io.regla.api.spi.FactWrite;
import io.regla.api.spi.PutAllResult;
import io.regla.api.spi.Store;
import io.regla.api.spi.StoredFact;
import io.regla.rules.nursery.Enrollment;
import io.regla.rules.nursery.admissions.WelcomeWindow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The SQL import on a schedule, safe with several instances on one store: every {@code every}, one instance takes
 * the lease (a cursor compare-and-set, see {@link CursorLease}) and imports each record type of the
 * {@link ImportConfig} in order, each in one transaction; the others skip that round. Each run is logged and kept
 * as an {@link ImportRun} fact with its counts and rejects. With a welcome window, enrolments older than it are
 * written together with a skipped-welcome history entry ({@link WelcomeWindow}).
 *
 * <pre>{@code
 * ScheduledImport imports = ScheduledImport.builder(store, ImportConfig.load(Path.of("import.yaml"), System.getenv()))
 *         .every(Duration.ofHours(12)).build();
 * imports.start();                 // checks once a minute whether a run is due
 * imports.runOnce();               // the admin's "importar ahora": now, unless another instance is importing
 * imports.lastRuns(20);            // for the admin page, newest first
 * imports.stop();
 * }</pre>
 */
public final class ScheduledImport implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduledImport.class);
    static final String LEASE = "import.lease";

    private final Store store;
    private final ImportConfig config;
    private final Duration every;
    private final Duration lease;
    private final Duration poll;
    private final Clock clock;
    private final ZoneId zone;
    private final String owner;
    private final CursorLease leases;
    private ScheduledExecutorService timer;

    private ScheduledImport(Builder b) {
        this.store = b.store;
        this.config = b.config;
        this.every = b.every;
        this.lease = b.lease;
        this.poll = b.poll;
        this.clock = b.clock;
        this.zone = b.zone;
        this.owner = b.owner;
        this.leases = new CursorLease(store.cursors(), LEASE, owner);
    }

    public static Builder builder(Store store, ImportConfig config) {
        return new Builder(store, config);
    }

    /** Starts checking every poll interval (default 1 minute) whether a run is due; a daemon thread. */
    public synchronized void start() {
        if (timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "regla-import");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                tick();
            } catch (RuntimeException e) {
                // a store outage: the next tick tries again
                LOG.warn("scheduled import: {}", PersonalData.maskEmailsIn(String.valueOf(e.getMessage())));
            }
        }, 0, poll.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("scheduled import every {} as {} ({})", every, owner, config);
    }

    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Runs if due (the last run, by any instance, started {@code every} ago) and no instance is importing. */
    public Optional<ImportRun> tick() {
        return leases.take(clock.instant(), lease, every, false).map(this::run);
    }

    /** Runs now, whenever the last run was, unless another instance is importing (then empty). */
    public Optional<ImportRun> runOnce() {
        return leases.take(clock.instant(), lease, every, true).map(this::run);
    }

    /** The last {@code n} runs of any instance, newest first. */
    public List<ImportRun> lastRuns(int n) {
        List<ImportRun> all = new ArrayList<>(store.facts().listAll(ImportRun.class));
        java.util.Collections.reverse(all);
        return all.subList(0, Math.min(n, all.size()));
    }

    private ImportRun run(CursorLease.Held held) {
        Instant started = clock.instant();
        List<ImportReport> imported = new ArrayList<>();
        List<String> rejects = new ArrayList<>();
        int skipped = 0;
        try {
            for (ImportConfig.RecordQuery r : config.records()) {
                try {
                    Imported one = importOne(r, started);
                    imported.add(one.report);
                    skipped += one.welcomeSkipped;
                } catch (ImportException | io.regla.api.spi.StoreException e) {
                    String why = PersonalData.maskEmailsIn(e.getMessage());
                    rejects.add(why);
                    LOG.warn("import of {} rejected: {}", r.type().getSimpleName(), why);
                }
            }
            ImportRun run = new ImportRun(started, clock.instant(), owner, imported, rejects, skipped);
            for (int n = 0; !store.facts().insert(run.storeId(n), run); n++) {
                // a run of this owner started in the same millisecond has n: take the next
            }
            LOG.info("import by {}: {} ; {} rejected ; {} old enrolments not welcomed", owner,
                    imported.stream().map(i -> i.type() + " " + i.rows() + " rows (" + i.inserted() + " new, "
                            + i.updated() + " changed)").toList(), rejects.size(), skipped);
            return run;
        } finally {
            if (!leases.release(held)) {
                LOG.warn("import by {} outlived its lease of {}: another instance may have imported meanwhile", owner, lease);
            }
        }
    }

    private record Imported(ImportReport report, int welcomeSkipped) {
    }

    private Imported importOne(ImportConfig.RecordQuery r, Instant now) {
        SqlImport<? extends Record> sql = build(r);
        List<FactWrite> writes = sql.read();
        List<FactWrite> extra = List.of();
        if (r.type() == Enrollment.class && config.welcomeWindow() != null) {
            List<Enrollment> enrollments = writes.stream().map(w -> (Enrollment) w.fact()).toList();
            extra = new WelcomeWindow(config.welcomeWindow())
                    .skipOlder(enrollments, LocalDate.ofInstant(now, zone), now, store.facts());
        }
        List<FactWrite> all = new ArrayList<>(writes);
        all.addAll(extra);
        PutAllResult result = store.facts().putAll(all);
        // the skipped-welcome entries are all new: what is left over counts the records
        ImportReport report = new ImportReport(r.type().getSimpleName(), writes.size(), result.inserted() - extra.size(),
                result.updated(), result.unchanged());
        return new Imported(report, extra.size());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private SqlImport<? extends Record> build(ImportConfig.RecordQuery r) {
        SqlImport.Builder b = SqlImport.of((Class) r.type()).source(config.url(), config.user(), config.password())
                .query(r.query());
        if (r.id() != null) {
            b.id((Function) r.id());
        }
        return b.build();
    }

    public static final class Builder {
        private final Store store;
        private final ImportConfig config;
        private Duration every = Duration.ofHours(12);
        private Duration lease = Duration.ofMinutes(30);
        private Duration poll = Duration.ofMinutes(1);
        private Clock clock = Clock.systemUTC();
        private ZoneId zone = ZoneId.of("America/Santiago");
        private String owner = hostName() + "-" + UUID.randomUUID().toString().substring(0, 8);

        private Builder(Store store, ImportConfig config) {
            this.store = Objects.requireNonNull(store, "store");
            this.config = Objects.requireNonNull(config, "config");
        }

        /** How often an import runs across all instances (default 12 hours). */
        public Builder every(Duration every) {
            this.every = positive(every, "every");
            return this;
        }

        /** How long a run may hold the lease before another instance may take over (default 30 minutes). */
        public Builder lease(Duration lease) {
            this.lease = positive(lease, "lease");
            return this;
        }

        /** How often {@link #start()} checks whether a run is due (default 1 minute). */
        public Builder poll(Duration poll) {
            this.poll = positive(poll, "poll");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The zone whose date the welcome window counts from (default America/Santiago, the nursery's). */
        public Builder zone(ZoneId zone) {
            this.zone = Objects.requireNonNull(zone, "zone");
            return this;
        }

        /** This instance's name in the lease and the runs (default host name and a random suffix). */
        public Builder owner(String owner) {
            this.owner = Objects.requireNonNull(owner, "owner");
            return this;
        }

        public ScheduledImport build() {
            return new ScheduledImport(this);
        }

        private static Duration positive(Duration d, String what) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be a positive duration, was " + d);
            }
            return d;
        }

        private static String hostName() {
            try {
                return java.net.InetAddress.getLocalHost().getHostName().replace("|", "-");
            } catch (java.io.IOException e) {
                return "regla";
            }
        }
    }
}
