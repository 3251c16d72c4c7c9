package io.regla.rules.nursery.stores;

import io.regla.api.RulesEngine;
import io.regla.api.spi.ConcurrentUpdateException;
import io.regla.api.spi.Store;
import io.regla.core.Regla;
import io.regla.rules.nursery.Adaptation;
import io.regla.rules.nursery.Campus;
import io.regla.rules.nursery.Enrollment;
import io.regla.rules.nursery.EnrollmentStatus;
import io.regla.rules.nursery.admissions.CommandOutcome;
import io.regla.rules.nursery.admissions.NurseryService;
import io.regla.rules.scheduling.CancelEnrollment;
import io.regla.rules.scheduling.Command;
import io.regla.rules.scheduling.ScheduleAdaptation;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9, capacity: directors booking adaptations of one campus and day from 8 threads at once (while others cancel
 * booked ones) never get more adaptations starting that day than the campus's capacity, and each command either
 * books or is told {@code CAPACITY_FULL}. Each backend's subclass gives the store.
 */
public abstract class CapacityProperties {

    static final ZoneId ZONE = ZoneId.of("America/Santiago");
    static final LocalDate DAY = LocalDate.of(2023, 3, 6);
    static final Clock CLOCK = Clock.fixed(LocalDate.of(2023, 3, 1).atTime(LocalTime.of(8, 0)).atZone(ZONE).toInstant(),
            ZoneOffset.UTC);
    static RulesEngine engine;

    protected abstract Store store();

    @BeforeContainer
    static void engine() {
        engine = Regla.builder().bundledRules().clock(CLOCK).build();
    }

    @AfterContainer
    static void close() {
        engine.close();
    }

    @Property(tries = 6)
    void eight_threads_never_book_more_than_the_capacity(@ForAll @IntRange(min = 1, max = 3) int capacity,
                                                          @ForAll @IntRange(min = 0, max = 3) int booked,
                                                          @ForAll @IntRange(min = 0, max = 3) int cancellations,
                                                          @ForAll @IntRange(min = 3, max = 8) int contenders)
            throws Exception {
        int preBooked = Math.min(booked, capacity);
        int cancelling = Math.min(cancellations, preBooked);
        String campus = "C" + UUID.randomUUID().toString().substring(0, 8);
        NurseryService service = new NurseryService(engine, store(), CLOCK);
        service.records().putCampus(new Campus(campus, "Campus", capacity));
        List<String> early = new ArrayList<>();
        for (int i = 0; i < preBooked; i++) {
            String id = enrol(service, campus, "early" + i);
            assertThat(service.handle(new ScheduleAdaptation(id, DAY, "dir")).rejected()).isFalse();
            early.add(id);
        }
        List<Command> commands = new ArrayList<>();
        for (int i = 0; i < contenders; i++) {
            commands.add(new ScheduleAdaptation(enrol(service, campus, "late" + i), DAY, "dir-" + i));
        }
        for (int i = 0; i < cancelling; i++) {
            commands.add(new CancelEnrollment(early.get(i), "dir-x", "se retira"));
        }

        List<CommandOutcome> outcomes = runAtOnce(service, commands);

        List<Enrollment> enrollments = service.records().enrollmentsOfCampus(campus);
        long live = enrollments.stream().filter(e -> e.status() == EnrollmentStatus.ADAPTATION_SCHEDULED)
                .filter(e -> service.records().adaptation(e.id()).map(Adaptation::startsOn).filter(DAY::equals).isPresent())
                .count();
        assertThat(live).isLessThanOrEqualTo(capacity);
        // the rules' own view of the day agrees: what a new booking would count
        assertThat(service.records().adaptationsStarting(campus, DAY, "nobody")).hasSize((int) live * 2);
        long booked2 = 0;
        for (int i = 0; i < contenders; i++) {
            CommandOutcome o = outcomes.get(i);
            if (o.rejected()) {
                assertThat(o.rejections()).extracting(r -> r.code()).containsExactly("CAPACITY_FULL");
            } else {
                booked2++;
                assertThat(o.enrollment().status()).isEqualTo(EnrollmentStatus.ADAPTATION_SCHEDULED);
            }
        }
        assertThat(booked2).isGreaterThanOrEqualTo(Math.min(contenders, capacity - preBooked));
        assertThat(live).isEqualTo(preBooked - cancelling + booked2);
    }

    static List<CommandOutcome> runAtOnce(NurseryService service, List<Command> commands) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<CommandOutcome>> futures = new ArrayList<>();
            for (Command c : commands) {
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int attempt = 0; ; attempt++) {
                        try {
                            return service.handle(c);
                        } catch (ConcurrentUpdateException e) {
                            if (attempt == 20) {
                                throw e;
                            }
                        }
                    }
                }));
            }
            start.countDown();
            List<CommandOutcome> outcomes = new ArrayList<>();
            for (Future<CommandOutcome> f : futures) {
                outcomes.add(f.get(2, TimeUnit.MINUTES));
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    static String enrol(NurseryService service, String campus, String name) {
        String id = campus + "-" + name;
        service.records().putEnrollment(new Enrollment(id, "Niño " + name, campus, "Apoderado", name + "@example.com",
                LocalDate.of(2023, 2, 1), DAY, EnrollmentStatus.INTERVIEWED));
        return id;
    }
}
