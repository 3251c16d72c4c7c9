package io.regla.examples.vitamina;

import io.regla.rules.nursery.admissions.DailyRunReport;
import io.regla.rules.nursery.admissions.NurseryService;
import io.regla.rules.nursery.admissions.SentRecordingMailer;
import io.regla.adapters.mailchimp.metrics.DeliveryEventLog;
import io.regla.api.RulesEngine;
import io.regla.api.spi.Mailer;
import io.regla.api.spi.Store;
import io.regla.core.outbox.EmailDispatcher;
import io.regla.rules.mailing.MailingContact;
import io.regla.rules.nursery.Campus;
import io.regla.rules.nursery.Enrollment;
import io.regla.rules.scheduling.Transition;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A semester of the Vitamina network on a virtual clock, through the real application: every day the new
 * enrolments are imported into the store, the daily run decides (clock transitions, alerts, mail), the outbox is
 * dispatched, and the directors book and record through {@link NurseryService#handle}. Mail goes through the given
 * provider wrapped so that sends become {@code EmailSent} facts and Mandrill-like delivery events.
 */
public final class VitaminaSimulation {

    /**
     * @param seed        replays the same semester
     * @param campuses    how many campuses
     * @param enrollments how many enrolments arrive
     * @param firstDay    the first simulated day
     * @param lastDay     the last simulated day
     */
    public record Config(long seed, int campuses, int enrollments, LocalDate firstDay, LocalDate lastDay) {

        public static final ZoneId ZONE = ZoneId.of("America/Santiago");

        /** The demo's semester: March to July 2023, 8 campuses, 2,000 enrolments. */
        public static Config semester() {
            return new Config(20230301L, 8, 2000, LocalDate.of(2023, 3, 1), LocalDate.of(2023, 7, 31));
        }

        public Config {
            if (campuses < 1 || enrollments < 0 || lastDay.isBefore(firstDay)) {
                throw new IllegalArgumentException("need campuses >= 1, enrollments >= 0 and firstDay <= lastDay");
            }
        }
    }

    /** How the outbox is drained after each daily run and at the end of the day (a test may crash it). */
    @FunctionalInterface
    public interface Dispatch {
        void drain(Store store, Mailer mailer, Clock clock);

        /** One dispatcher pass, as production runs it. */
        static Dispatch standard() {
            return (store, mailer, clock) -> EmailDispatcher.builder(store.outbox(), mailer).clock(clock)
                    .lease(Duration.ofMinutes(5)).owner("vitamina").build().dispatchDue();
        }
    }

    private final Config config;
    private final RulesEngine engine;
    private final Store store;
    private final Mailer provider;
    private final Dispatch dispatch;
    private final VirtualClock clock;

    /**
     * @param clock the virtual clock the engine and store were built on; the simulation moves it from the first day
     */
    public VitaminaSimulation(Config config, RulesEngine engine, Store store, Mailer provider, Dispatch dispatch,
                              VirtualClock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.store = Objects.requireNonNull(store, "store");
        this.provider = Objects.requireNonNull(provider, "provider");
        this.dispatch = Objects.requireNonNull(dispatch, "dispatch");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public SemesterKpis run() {
        long started = System.nanoTime();
        // this run is the store's only writer: its facts are kept in memory as they are written (see CachedFactStore)
        Store store = new CachedStore(this.store);
        ZoneId zone = Config.ZONE;
        Random random = new Random(config.seed());
        Calendar calendar = Calendar.fromRuleSet();
        NurseryService service = new NurseryService(engine, store, clock);
        DeliveryEventLog events = new DeliveryEventLog(store.facts(), zone);
        Mailer mailer = new SentRecordingMailer(new SyntheticMandrill(provider, events, clock, config.seed()), store.facts(),
                store.outbox(), clock);

        SyntheticData.Network network = SyntheticData.generate(random, config.campuses(), config.enrollments(),
                config.firstDay(), config.lastDay());
        network.campuses().forEach(service.records()::putCampus);
        network.contacts().forEach(service.records()::putContact);
        Map<LocalDate, List<Enrollment>> arrivals = network.enrollments().stream()
                .collect(Collectors.groupingBy(Enrollment::enrolledOn, TreeMap::new, Collectors.toList()));
        Directors directors = new Directors(service, calendar, random, zone, clock);

        Map<String, Integer> alerts = new TreeMap<>();
        int dailyRuns = 0;
        long timeDaily = 0, timeCommands = 0, timeDispatch = 0;
        for (LocalDate day = config.firstDay(); !day.isAfter(config.lastDay()); day = day.plusDays(1)) {
            clock.set(day.atTime(LocalTime.of(6, 0)).atZone(zone).toInstant());
            for (Enrollment e : arrivals.getOrDefault(day, List.of())) {   // the morning import from SQL Server
                service.records().putEnrollment(e);
                directors.enrolled(e, day);
            }
            clock.set(day.atTime(LocalTime.of(7, 0)).atZone(zone).toInstant());
            long t0 = System.nanoTime();
            DailyRunReport report = service.dailyRun();
            long t1 = System.nanoTime();
            timeDaily += t1 - t0;
            dailyRuns++;
            for (Transition t : report.transitions()) {
                directors.moved(t.enrollmentId(), t.to());
            }
            report.alerts().forEach(a -> alerts.merge(a.code(), 1, Integer::sum));
            dispatch.drain(store, mailer, clock);
            long t2 = System.nanoTime();
            directors.workDay(day);
            long t3 = System.nanoTime();
            dispatch.drain(store, mailer, clock);
            timeDispatch += (t2 - t1) + (System.nanoTime() - t3);
            timeCommands += t3 - t2;
        }
        // the night after the last day: whatever is still due (a crashed dispatcher's lease has long expired)
        clock.set(config.lastDay().plusDays(1).atStartOfDay(zone).toInstant());
        dispatch.drain(store, mailer, clock);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        return SemesterKpis.measure(config, store, events, calendar, directors.rejections(), alerts, directors.commands(),
                dailyRuns, new SemesterKpis.Timings(took, Duration.ofNanos(timeDaily), Duration.ofNanos(timeCommands),
                        Duration.ofNanos(timeDispatch)));
    }

    /** The store with its facts read through a {@link CachedFactStore}; outbox and cursors as they are. */
    private static final class CachedStore implements Store {
        private final Store store;
        private final CachedFactStore facts;

        CachedStore(Store store) {
            this.store = store;
            this.facts = new CachedFactStore(store.facts());
        }

        @Override
        public io.regla.api.spi.FactStore facts() {
            return facts;
        }

        @Override
        public io.regla.api.spi.Outbox outbox() {
            return store.outbox();
        }

        @Override
        public io.regla.api.spi.CursorStore cursors() {
            return store.cursors();
        }

        @Override
        public void close() {
            // the caller owns the store
        }
    }

    /** The enrolment ids the simulation would create for a config (for checks that compare against the store). */
    static List<String> ids(Config config) {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= config.enrollments(); i++) {
            ids.add(String.format("E%05d", i));
        }
        return ids;
    }

    static List<Campus> campuses(Store store) {
        return store.facts().listAll(Campus.class);
    }

    static List<MailingContact> contacts(Store store) {
        return store.facts().listAll(MailingContact.class);
    }
}
