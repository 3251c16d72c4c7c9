package io.regla.rules.scheduling;

import io.regla.api.Action;
import io.regla.api.DecideOptions;
import io.regla.api.Decision;
import io.regla.api.Session;
import io.regla.api.action.Rejection;
import io.regla.core.testing.RuleSetModuleTests;
import io.regla.rules.nursery.Adaptation;
import io.regla.rules.nursery.Campus;
import io.regla.rules.nursery.Enrollment;
import io.regla.rules.nursery.EnrollmentStatus;
import io.regla.rules.nursery.Holiday;
import io.regla.rules.nursery.Interview;
import io.regla.rules.nursery.WorkingDays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.regla.rules.nursery.EnrollmentStatus.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random directors against scheduling 1.0.0 in one session: enrolments at a few campuses, random
 * commands (valid or not) interleaved with random clock steps across Easter 2026 and May's holidays.
 * After every step the journey must be consistent.
 */
class SchedulingProperties {

    private static final ZoneId SANTIAGO = ZoneId.of("America/Santiago");
    private static final Instant START = Instant.parse("2026-03-23T12:00:00Z");
    private static final Set<List<EnrollmentStatus>> EDGES = Set.of(
            List.of(ENROLLED, INTERVIEW_SCHEDULED), List.of(INTERVIEW_SCHEDULED, INTERVIEW_SCHEDULED),
            List.of(INTERVIEW_SCHEDULED, INTERVIEWED), List.of(INTERVIEW_SCHEDULED, ENROLLED),
            List.of(INTERVIEWED, ADAPTATION_SCHEDULED), List.of(ADAPTATION_SCHEDULED, ADAPTATION_SCHEDULED),
            List.of(ADAPTATION_SCHEDULED, IN_ADAPTATION), List.of(IN_ADAPTATION, ADAPTED));

    /**
     * A director's command: which kind, about which enrolment, for which day and hour relative to now. A
     * {@code followsJourney} command ignores {@code kind} and takes the enrolment's next step, so that
     * random runs get past the interview to adaptations, capacity limits and the clock's transitions.
     */
    record Cmd(boolean followsJourney, int kind, int enrollment, int dayOffset, int hour, boolean attended) {
    }

    /** Move the clock on by some hours, then maybe give a command. */
    record Step(int advanceHours, Cmd cmd) {
    }

    @Property(tries = 150)
    void theJourneyStaysConsistent(@ForAll @IntRange(min = 1, max = 2) int capacity,
                                   @ForAll @IntRange(min = 2, max = 5) int enrollments,
                                   @ForAll("steps") @Size(min = 10, max = 60) List<Step> steps) {
        List<Object> world = new ArrayList<>();
        world.add(new Campus("C1", "Norte", capacity));
        world.add(new Campus("C2", "Sur", 1, 3));
        LocalDate today = START.atZone(SANTIAGO).toLocalDate();
        for (int i = 0; i < enrollments; i++) {
            world.add(new Enrollment("E" + i, "child" + i, i % 3 == 2 ? "C2" : "C1", "guardian" + i, "g" + i + "@example.com",
                    today.minusDays(i), today.plusDays(i * 3L), ENROLLED));
        }
        try (Session session = RuleSetModuleTests.moduleEngine().openSession("scheduling", DecideOptions.at(START))) {
            session.insertAll(world);
            Set<LocalDate> holidays = session.facts(Holiday.class).stream().map(Holiday::date).collect(Collectors.toSet());
            assertThat(holidays).as("holidays.csv is loaded").contains(LocalDate.of(2026, 4, 3), LocalDate.of(2026, 5, 21));
            Map<String, EnrollmentStatus> state = new HashMap<>();
            for (int i = 0; i < enrollments; i++) state.put("E" + i, ENROLLED);
            check(session.fire(), null, state, session, holidays);
            int n = 0;
            for (Step step : steps) {
                session.advanceTo(session.now().plus(step.advanceHours(), ChronoUnit.HOURS));
                Command command = step.cmd() == null ? null : command(step.cmd(), session, enrollments, state, ++n);
                if (command != null) session.insert(command);
                Decision d = session.fire();
                check(d, command, state, session, holidays);
                d.actions(Rejection.class).forEach(r -> Statistics.label("rejections").collect(r.code()));
            }
            // Shows in the report that the random directors get far enough to exercise every step.
            state.values().forEach(s -> Statistics.label("final states").collect(s));
        }
    }

    /**
     * Directors of one campus rush to place interviewed children on the next days: whatever they ask, no
     * adaptation starts on a non-working day and no day takes more than the campus's capacity.
     */
    @Property(tries = 100)
    void adaptationsRespectCalendarAndCapacity(@ForAll @IntRange(min = 1, max = 3) int capacity,
                                               @ForAll("rush") @Size(min = 5, max = 40) List<Cmd> rush) {
        Instant start = Instant.parse("2026-03-30T12:00:00Z"); // Monday before Easter
        try (Session session = RuleSetModuleTests.moduleEngine().openSession("scheduling", DecideOptions.at(start))) {
            session.insert(new Campus("C1", "Norte", capacity));
            Map<String, EnrollmentStatus> state = new HashMap<>();
            for (int i = 0; i < 8; i++) {
                session.insert(new Enrollment("E" + i, null, "C1", null, null, null, null, INTERVIEWED));
                state.put("E" + i, INTERVIEWED);
            }
            Set<LocalDate> holidays = session.facts(Holiday.class).stream().map(Holiday::date).collect(Collectors.toSet());
            check(session.fire(), null, state, session, holidays);
            int n = 0;
            for (Cmd c : rush) {
                String by = "director-" + ++n;
                LocalDate day = LocalDate.of(2026, 3, 30).plusDays(c.dayOffset());
                Command command = c.kind() == 4 ? new CancelEnrollment("E" + c.enrollment(), null, by)
                        : new ScheduleAdaptation("E" + c.enrollment(), day, by);
                session.insert(command);
                Decision d = session.fire();
                check(d, command, state, session, holidays);
                d.actions(Rejection.class).forEach(r -> Statistics.label("rejections").collect(r.code()));
            }
        }
    }

    @Provide
    Arbitrary<List<Cmd>> rush() {
        return Combinators.combine(
                Arbitraries.of(false),
                Arbitraries.integers().between(0, 12),
                Arbitraries.integers().between(0, 7),
                Arbitraries.integers().between(0, 10),
                Arbitraries.of(9),
                Arbitraries.of(true)).as(Cmd::new).list();
    }

    private static Command command(Cmd c, Session session, int enrollments, Map<String, EnrollmentStatus> state, int n) {
        String id = "E" + (c.enrollment() % (enrollments + 1)); // sometimes an unknown enrolment
        String by = "director-" + n;
        LocalDate today = session.now().atZone(SANTIAGO).toLocalDate();
        LocalDate day = today.plusDays(c.dayOffset());
        int kind = c.kind();
        if (c.followsJourney() && state.containsKey(id)) {
            day = today.plusDays(Math.floorMod(c.dayOffset(), 6));
            boolean interviewDayCame = session.facts(Interview.class).stream()
                    .anyMatch(i -> i.enrollmentId().equals(id) && i.isPending() && !i.dateIn(SANTIAGO).isAfter(today));
            kind = switch (state.get(id)) {
                case ENROLLED -> 0;
                case INTERVIEW_SCHEDULED -> interviewDayCame ? 1 : c.dayOffset() > 10 ? 0 : -1;
                case INTERVIEWED, ADAPTATION_SCHEDULED -> 2;
                default -> kind;
            };
            // Adaptations crowd onto the next few days, so campuses fill up.
            if (kind == 2) day = today.plusDays(1 + Math.floorMod(c.dayOffset(), 3));
        }
        return switch (kind) {
            case 0 -> new ScheduleInterview(id, day.atTime(c.hour(), 0).atZone(SANTIAGO).toInstant(), by);
            case 1 -> new RecordInterview(id, c.attended(), by);
            case 2, 3 -> new ScheduleAdaptation(id, day, by);
            case 4 -> new CancelEnrollment(id, "random", by);
            default -> null; // nothing to do for it yet: just let time pass
        };
    }

    private static void check(Decision d, Command command, Map<String, EnrollmentStatus> state, Session session,
                              Set<LocalDate> holidays) {
        // Every transition follows the journey from the state the enrolment was in, out of no final state,
        // and says who and why.
        for (Transition t : d.actions(Transition.class)) {
            assertThat(t.from()).as("%s leaves a final state", t).matches(s -> !s.isFinal());
            assertThat(t.from()).as("%s starts from the enrolment's state", t).isEqualTo(state.get(t.enrollmentId()));
            assertThat(EDGES.contains(List.of(t.from(), t.to())) || t.to() == CANCELLED).as("%s is a journey step", t).isTrue();
            assertThat(t.by()).isNotBlank();
            assertThat(t.reason()).isNotBlank();
            state.put(t.enrollmentId(), t.to());
        }
        // A command is handled exactly once: refused, or carried out (transitions signed by its author).
        if (command != null) {
            long refused = d.actions(Rejection.class).stream().filter(r -> r.command().equals(command.label())).count();
            long done = d.actions(Transition.class).stream().filter(t -> t.by().equals(command.by())).count();
            assertThat(refused + Math.min(done, 1)).as("%s handled once: %s", command, d.actions()).isEqualTo(1);
        } else {
            assertThat(d.actions(Rejection.class)).isEmpty();
        }
        assertThat(session.facts(Command.class)).as("commands are consumed").isEmpty();

        // The session's facts agree with the transitions, and adaptations respect calendar and capacity.
        Map<String, Enrollment> enrollments = new HashMap<>();
        for (Enrollment e : session.facts(Enrollment.class)) {
            assertThat(enrollments.put(e.id(), e)).as("one fact per enrolment").isNull();
            assertThat(e.status()).isEqualTo(state.get(e.id()));
        }
        Map<String, Integer> capacity = session.facts(Campus.class).stream()
                .collect(Collectors.toMap(Campus::id, Campus::dailyAdaptationCapacity));
        Map<String, Integer> starts = new HashMap<>();
        for (Adaptation a : session.facts(Adaptation.class)) {
            Enrollment e = enrollments.get(a.enrollmentId());
            assertThat(WorkingDays.isWorkingDay(a.startsOn(), holidays)).as("%s starts on a working day", a).isTrue();
            assertThat(a.endsOn()).isEqualTo(WorkingDays.lastOf(a.startsOn(), e.campusId().equals("C2") ? 3 : 5, holidays));
            if (e.startsOn() != null) assertThat(a.startsOn()).isAfterOrEqualTo(e.startsOn());
            if (e.status() != CANCELLED) starts.merge(e.campusId() + " " + a.startsOn(), 1, Integer::sum);
        }
        starts.forEach((campusDay, n) -> assertThat(n).as("adaptations starting at %s", campusDay)
                .isLessThanOrEqualTo(capacity.get(campusDay.substring(0, 2))));
        for (Interview i : session.facts(Interview.class)) {
            assertThat(WorkingDays.isWorkingDay(i.dateIn(SANTIAGO), holidays)).as("%s on a working day", i).isTrue();
        }
        for (Action a : d.actions()) {
            assertThat(a).isInstanceOfAny(Transition.class, Rejection.class, io.regla.api.action.Alert.class);
        }
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Cmd> cmd = Combinators.combine(
                Arbitraries.of(true, true, true, false),
                Arbitraries.integers().between(0, 4),
                Arbitraries.integers().between(0, 7),
                Arbitraries.integers().between(-2, 14),
                Arbitraries.integers().between(7, 19),
                Arbitraries.of(true, true, false)).as(Cmd::new);
        Arbitrary<Step> step = Combinators.combine(
                Arbitraries.of(0, 0, 1, 3, 20, 24, 24, 48, 72, 120),
                cmd.injectNull(0.2)).as(Step::new);
        return step.list();
    }
}
