package io.regla.rules.nursery.stores;

import io.regla.api.RulesEngine;
import io.regla.api.spi.Store;
import io.regla.api.spi.StoredFact;
import io.regla.core.Regla;
import io.regla.rules.nursery.Campus;
import io.regla.rules.nursery.Enrollment;
import io.regla.rules.nursery.EnrollmentStatus;
import io.regla.rules.nursery.admissions.CommandOutcome;
import io.regla.rules.nursery.admissions.NurseryService;
import io.regla.rules.scheduling.ScheduleAdaptation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.regla.rules.nursery.stores.CapacityProperties.CLOCK;
import static io.regla.rules.nursery.stores.CapacityProperties.DAY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9, one transaction per command: a crash at every call a {@code ScheduleAdaptation} makes to the store, one
 * after the other, from the first read to the commit. Each crash leaves nothing of the command (the enrolment still
 * INTERVIEWED at the version read, no adaptation, no capacity slot, no journey step, no e-mail in the outbox); the
 * same command handled again then writes all of it. Each backend's subclass wraps its store's connection.
 */
public abstract class CommandCrashProperties {

    static RulesEngine engine;
    protected final Faults faults = new Faults();

    /** The backend's store, its database calls going through {@link #faults}. */
    protected abstract Store crashingStore();

    @BeforeAll
    static void engine() {
        engine = Regla.builder().bundledRules().clock(CLOCK).build();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Test
    void a_crash_at_any_store_call_leaves_all_of_the_command_or_none() {
        Store store = crashingStore();
        NurseryService service = new NurseryService(engine, store, CLOCK);
        int crashes = 0;
        for (int n = 1; ; n++) {
            String campus = "K" + UUID.randomUUID().toString().substring(0, 8);
            faults.disarm();
            service.records().putCampus(new Campus(campus, "Campus", 2));
            String id = CapacityProperties.enrol(service, campus, "child");
            long version = service.records().enrollment(id).orElseThrow().version();
            ScheduleAdaptation command = new ScheduleAdaptation(id, DAY, "dir");

            faults.arm(n);
            CommandOutcome outcome = null;
            try {
                outcome = service.handle(command);
            } catch (RuntimeException crash) {
                assertThat(faults.fired()).as("only the simulated crash fails the command: %s", crash).isTrue();
            }
            faults.disarm();
            if (!faults.fired()) {
                assertApplied(service, store, id, outcome);
                assertThat(crashes).as("crash points before the command went through").isGreaterThan(5);
                return;
            }
            crashes++;
            StoredFact<Enrollment> after = service.records().enrollment(id).orElseThrow();
            assertThat(after.version()).as("crash %d", n).isEqualTo(version);
            assertThat(after.value().status()).isEqualTo(EnrollmentStatus.INTERVIEWED);
            assertThat(service.records().adaptation(id)).as("crash %d", n).isEmpty();
            assertThat(service.records().adaptationsStarting(campus, DAY, "nobody")).isEmpty();
            assertThat(service.records().journey(id)).as("crash %d", n).isEmpty();
            assertThat(store.outbox().find(reminder(id))).as("crash %d", n).isEmpty();
            // and the command done again does all of it
            assertApplied(service, store, id, service.handle(command));
        }
    }

    private static void assertApplied(NurseryService service, Store store, String id, CommandOutcome outcome) {
        assertThat(outcome.enrollment().status()).isEqualTo(EnrollmentStatus.ADAPTATION_SCHEDULED);
        assertThat(outcome.enqueued()).contains(reminder(id));
        assertThat(service.records().enrollment(id).orElseThrow().value().status())
                .isEqualTo(EnrollmentStatus.ADAPTATION_SCHEDULED);
        assertThat(service.records().adaptation(id)).isPresent();
        assertThat(service.records().adaptationsStarting(service.records().enrollment(id).orElseThrow().value().campusId(),
                DAY, "nobody")).hasSize(2);
        assertThat(service.records().journey(id)).hasSize(1);
        assertThat(store.outbox().find(reminder(id))).isPresent();
    }

    static String reminder(String id) {
        return "RECORDATORIO_ADAPTACION:" + id + ":" + DAY;
    }
}
