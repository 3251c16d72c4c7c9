package io.regla.rules.nursery.admissions;

import io.regla.adapters.store.jdbc.JdbcStore;
import io.regla.api.RulesEngine;
import io.regla.api.action.Alert;
import io.regla.api.spi.OutboxStatus;
import io.regla.core.Regla;
import io.regla.core.outbox.EmailDispatcher;
import io.regla.rules.mailing.ContactStatus;
import io.regla.rules.mailing.EmailSent;
import io.regla.rules.mailing.MailingContact;
import io.regla.rules.nursery.Campus;
import io.regla.rules.nursery.Enrollment;
import io.regla.rules.nursery.EnrollmentStatus;
import io.regla.rules.scheduling.CancelEnrollment;
import io.regla.rules.scheduling.RecordInterview;
import io.regla.rules.scheduling.ScheduleAdaptation;
import io.regla.rules.scheduling.ScheduleInterview;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.UUID;

import static io.regla.rules.nursery.EnrollmentStatus.ADAPTATION_SCHEDULED;
import static io.regla.rules.nursery.EnrollmentStatus.ADAPTED;
import static io.regla.rules.nursery.EnrollmentStatus.ENROLLED;
import static io.regla.rules.nursery.EnrollmentStatus.INTERVIEWED;
import static io.regla.rules.nursery.EnrollmentStatus.INTERVIEW_SCHEDULED;
import static io.regla.rules.nursery.EnrollmentStatus.IN_ADAPTATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NurseryServiceTest {

    static final ZoneId ZONE = ZoneId.of("America/Santiago");
    static MutableClock clock = new MutableClock(at(LocalDate.of(2023, 3, 1), 8));
    static RulesEngine engine;

    JdbcStore store;
    NurseryService service;
    CountingMailer provider;
    io.regla.core.outbox.OutboxDispatcher dispatcher;

    @BeforeAll
    static void engine() {
        engine = Regla.builder().bundledRules().clock(clock).build();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @BeforeEach
    void store() {
        clock.set(at(LocalDate.of(2023, 3, 1), 8));
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        store = JdbcStore.open(ds, clock);
        service = new NurseryService(engine, store, clock);
        provider = new CountingMailer();
        dispatcher = EmailDispatcher.builder(store.outbox(), new SentRecordingMailer(provider, store.facts(), store.outbox(), clock))
                .clock(clock).build();
        NurseryRecords r = service.records();
        r.putCampus(new Campus("C1", "Vitamina Ñuñoa", 1));
        r.putEnrollment(new Enrollment("E1", "Ana", "C1", "Rosa", "rosa@example.com", LocalDate.of(2023, 3, 1),
                LocalDate.of(2023, 3, 6), ENROLLED));
        r.putEnrollment(new Enrollment("E2", "Luis", "C1", "Pedro", "pedro@example.com", LocalDate.of(2023, 3, 1),
                LocalDate.of(2023, 3, 6), ENROLLED));
    }

    static Instant at(LocalDate day, int hour) {
        return day.atTime(LocalTime.of(hour, 0)).atZone(ZONE).toInstant();
    }

    @Test
    void the_admission_journey_is_applied_traced_and_mailed_once() {
        var run = service.dailyRun();
        assertThat(run.enqueued()).isEqualTo(2);   // BIENVENIDA to both guardians
        assertThat(dispatcher.dispatchDue().sent()).isEqualTo(2);

        var scheduled = service.handle(new ScheduleInterview("E1", at(LocalDate.of(2023, 3, 2), 10), "dir-ana"));
        assertThat(scheduled.rejected()).isFalse();
        assertThat(scheduled.enrollment().status()).isEqualTo(INTERVIEW_SCHEDULED);
        assertThat(service.records().interview("E1")).get().extracting(i -> i.attended()).isNull();

        clock.set(at(LocalDate.of(2023, 3, 2), 12));
        service.handle(new RecordInterview("E1", true, "dir-ana"));
        service.handle(new ScheduleInterview("E2", at(LocalDate.of(2023, 3, 2), 15), "dir-ana"));
        service.handle(new RecordInterview("E2", true, "dir-ana"));   // held at 15:00, recorded on the day
        var adaptation = service.handle(new ScheduleAdaptation("E1", LocalDate.of(2023, 3, 6), "dir-ana"));
        assertThat(adaptation.enrollment().status()).isEqualTo(ADAPTATION_SCHEDULED);
        assertThat(adaptation.enqueued()).containsExactly("RECORDATORIO_ADAPTACION:E1:2023-03-06");
        assertThat(service.records().adaptation("E1")).get().extracting(a -> a.endsOn()).isEqualTo(LocalDate.of(2023, 3, 10));

        var full = service.handle(new ScheduleAdaptation("E2", LocalDate.of(2023, 3, 6), "dir-ana"));
        assertThat(full.rejections()).extracting(r -> r.code()).containsExactly("CAPACITY_FULL");
        assertThat(full.enrollment().status()).isEqualTo(INTERVIEWED);
        assertThat(service.records().enrollment("E2").orElseThrow().value().status()).isEqualTo(INTERVIEWED);

        clock.set(at(LocalDate.of(2023, 3, 6), 7));
        assertThat(service.dailyRun().transitions()).extracting(t -> t.to()).containsExactly(IN_ADAPTATION);
        clock.set(at(LocalDate.of(2023, 3, 11), 7));
        assertThat(service.dailyRun().transitions()).extracting(t -> t.to()).containsExactly(ADAPTED);
        clock.set(at(LocalDate.of(2023, 3, 15), 7));
        var surveyDay = service.dailyRun();
        assertThat(surveyDay.enqueued()).isEqualTo(1);
        dispatcher.dispatchDue();
        clock.set(at(LocalDate.of(2023, 3, 16), 7));
        assertThat(service.dailyRun().enqueued()).isZero();

        assertThat(service.records().journey("E1")).extracting(JourneyStep::to, JourneyStep::by).containsExactly(
                org.assertj.core.groups.Tuple.tuple(INTERVIEW_SCHEDULED, "dir-ana"),
                org.assertj.core.groups.Tuple.tuple(INTERVIEWED, "dir-ana"),
                org.assertj.core.groups.Tuple.tuple(ADAPTATION_SCHEDULED, "dir-ana"),
                org.assertj.core.groups.Tuple.tuple(IN_ADAPTATION, "clock"),
                org.assertj.core.groups.Tuple.tuple(ADAPTED, "clock"));
        assertThat(service.records().emailsSentFor("E1")).extracting(EmailSent::template)
                .containsExactlyInAnyOrder("BIENVENIDA", "RECORDATORIO_ADAPTACION", "ENCUESTA_ADAPTACION");
        assertThat(provider.deliveries.values()).allMatch(n -> n == 1);
    }

    /**
     * The daily run switches to mailing 1.2.0 on its first day in force (2026-12-14): an adaptation that started on
     * Monday 2026-12-07 (5 working days with the 8th a holiday: last day the 14th) is surveyed on the 14th, 5 days after
     * it started, not on the 19th (1.1.0's last day + 5); the run of the 13th (1.1.0) sends nothing. Two later runs,
     * one before the outbox sent it and one after (and one past 1.1.0's day), never send it again.
     */
    @Test
    void from_2026_12_14_the_daily_run_surveys_5_days_after_the_adaptation_started_and_only_once() {
        String survey = "ENCUESTA_ADAPTACION:E3";
        clock.set(at(LocalDate.of(2026, 12, 1), 8));
        service.records().putEnrollment(new Enrollment("E3", "Sofía", "C1", "Ana", "ana@example.com", LocalDate.of(2026, 12, 1),
                LocalDate.of(2026, 12, 7), ENROLLED));
        service.handle(new ScheduleInterview("E3", at(LocalDate.of(2026, 12, 2), 10), "dir-ana"));
        clock.set(at(LocalDate.of(2026, 12, 2), 12));
        service.handle(new RecordInterview("E3", true, "dir-ana"));
        service.handle(new ScheduleAdaptation("E3", LocalDate.of(2026, 12, 7), "dir-ana"));
        assertThat(service.records().adaptation("E3")).get().extracting(a -> a.endsOn()).isEqualTo(LocalDate.of(2026, 12, 14));

        for (int day : new int[]{7, 12, 13}) {
            clock.set(at(LocalDate.of(2026, 12, day), 7));
            service.dailyRun();
            dispatcher.dispatchDue();
        }
        assertThat(provider.deliveries).as("mailing 1.1.0 until the 13th: due on the 19th").doesNotContainKey(survey);

        clock.set(at(LocalDate.of(2026, 12, 14), 7));
        assertThat(service.dailyRun().enqueued()).as("mailing 1.2.0 from the 14th: due since the 12th").isEqualTo(1);
        clock.set(at(LocalDate.of(2026, 12, 15), 7));
        var beforeSent = service.dailyRun();
        assertThat(beforeSent.enqueued()).isZero();
        assertThat(beforeSent.duplicates()).as("decided again while still in the outbox: not enqueued twice").isEqualTo(1);
        dispatcher.dispatchDue();
        for (int day : new int[]{16, 21}) {
            clock.set(at(LocalDate.of(2026, 12, day), 7));
            assertThat(service.dailyRun().enqueued()).isZero();
            dispatcher.dispatchDue();
        }

        assertThat(provider.deliveries).containsEntry(survey, 1);
        assertThat(provider.emails.get(survey).mergeFields()).containsEntry("adaptationStartsOn", "2026-12-07");
        assertThat(service.records().emailsSentFor("E3")).extracting(EmailSent::template).containsOnlyOnce("ENCUESTA_ADAPTACION");
    }

    @Test
    void a_rejection_writes_nothing_and_names_its_code() {
        var sunday = service.handle(new ScheduleInterview("E1", at(LocalDate.of(2023, 3, 5), 10), "dir-ana"));
        assertThat(sunday.rejections()).extracting(r -> r.code()).containsExactly("NON_WORKING_DAY");
        var past = service.handle(new ScheduleInterview("E1", at(LocalDate.of(2023, 2, 28), 10), "dir-ana"));
        assertThat(past.rejections()).extracting(r -> r.code()).containsExactly("PAST_DATE");
        assertThat(service.records().enrollment("E1").orElseThrow().version()).isEqualTo(1);
        assertThat(service.records().journey("E1")).isEmpty();
        assertThat(store.outbox().list(OutboxStatus.PENDING, 10)).isEmpty();
    }

    @Test
    void unknown_enrolment_is_an_error_naming_it() {
        assertThatThrownBy(() -> service.handle(new CancelEnrollment("E9", "moved", "dir-ana")))
                .isInstanceOf(UnknownEnrollmentException.class).hasMessageContaining("E9");
    }

    @Test
    void no_show_returns_to_enrolled_with_a_stored_alert_and_cancel_is_final() {
        service.handle(new ScheduleInterview("E1", at(LocalDate.of(2023, 3, 1), 15), "dir-ana"));
        clock.set(at(LocalDate.of(2023, 3, 1), 16));
        var missed = service.handle(new RecordInterview("E1", false, "dir-ana"));
        assertThat(missed.enrollment().status()).isEqualTo(ENROLLED);
        assertThat(missed.alerts()).extracting(Alert::code).containsExactly("NO_SHOW");
        assertThat(service.records().alertsOf("E1")).extracting(Alert::code).containsExactly("NO_SHOW");

        var cancelled = service.handle(new CancelEnrollment("E1", "family moved", "dir-ana"));
        assertThat(cancelled.enrollment().status()).isEqualTo(EnrollmentStatus.CANCELLED);
        assertThat(service.records().journey("E1")).last().extracting(JourneyStep::reason).asString().contains("family moved");
        var again = service.handle(new CancelEnrollment("E1", "again", "dir-ana"));
        assertThat(again.rejections()).extracting(r -> r.code()).containsExactly("INVALID_STATE");
    }

    @Test
    void audience_rules_apply_to_stored_contacts_and_alerts_are_raised_once() {
        service.records().putContact(new MailingContact("PEDRO@example.com", ContactStatus.CLEANED));
        service.records().putEnrollment(new Enrollment("E3", "Eva", "C1", "Marta", "marta(at)example", LocalDate.of(2023, 3, 1),
                LocalDate.of(2023, 3, 6), ENROLLED));
        var first = service.dailyRun();
        assertThat(first.enqueued()).isEqualTo(1);   // only Rosa: Pedro is CLEANED, Marta's address is invalid
        assertThat(first.alerts()).extracting(Alert::code).containsExactly("AUDIENCIA_INVALIDA");
        assertThat(first.alerts().get(0).message()).doesNotContain("marta(at)example");
        clock.set(at(LocalDate.of(2023, 3, 2), 8));
        assertThat(service.dailyRun().alerts()).isEmpty();
        var booked = service.handle(new ScheduleInterview("E3", at(LocalDate.of(2023, 3, 3), 10), "dir-ana"));
        assertThat(booked.alerts()).isEmpty();
        assertThat(service.records().alertsOf("E3")).hasSize(1);
    }

    @Test
    void a_concurrent_change_between_read_and_write_loses_the_write_and_the_command_is_decided_again() {
        // another back-office user cancels E1 right after this command read it (once)
        java.util.concurrent.atomic.AtomicBoolean raced = new java.util.concurrent.atomic.AtomicBoolean();
        io.regla.api.spi.Store racingStore = new io.regla.api.spi.Store() {
            public io.regla.api.spi.FactStore facts() { return store.facts(); }
            public io.regla.api.spi.Outbox outbox() { return store.outbox(); }
            public io.regla.api.spi.CursorStore cursors() { return store.cursors(); }
            public io.regla.api.spi.PutAllResult putAll(java.util.List<io.regla.api.spi.FactWrite> facts,
                                                        java.util.List<io.regla.api.spi.OutboxEntry> entries) {
                if (!raced.getAndSet(true)) {
                    Enrollment e = store.facts().get(Enrollment.class, "E1").orElseThrow().value();
                    store.facts().put(e.id(), e.withStatus(EnrollmentStatus.CANCELLED));
                }
                return store.putAll(facts, entries);
            }
            public void close() { }
        };
        NurseryService racingService = new NurseryService(engine, racingStore, clock);
        var outcome = racingService.handle(new ScheduleInterview("E1", at(LocalDate.of(2023, 3, 2), 10), "dir-ana"));
        assertThat(raced).isTrue();
        assertThat(outcome.rejections()).extracting(r -> r.code()).containsExactly("INVALID_STATE");
        assertThat(service.records().enrollment("E1").orElseThrow().value().status()).isEqualTo(EnrollmentStatus.CANCELLED);
        assertThat(service.records().journey("E1")).isEmpty();
        assertThat(service.records().interview("E1")).isEmpty();
    }
}
