package io.regla.examples.vitamina;

import io.regla.rules.nursery.admissions.CommandOutcome;
import io.regla.rules.nursery.admissions.NurseryService;
import io.regla.api.action.Rejection;
import io.regla.rules.nursery.Enrollment;
import io.regla.rules.nursery.EnrollmentStatus;
import io.regla.rules.scheduling.CancelEnrollment;
import io.regla.rules.scheduling.Command;
import io.regla.rules.scheduling.RecordInterview;
import io.regla.rules.scheduling.ScheduleAdaptation;
import io.regla.rules.scheduling.ScheduleInterview;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * The campus directors, as the back-office sees them: they get round to each new enrolment after a few days, book an
 * interview, record whether the guardians came (15 % do not), book the adaptation from the child's start date, now
 * and then reschedule, cancel (3 % of families), or slip (a weekend, a date before the start) and get a rejection.
 * All draws come from one seeded {@link Random}, so a seed replays the same semester.
 */
final class Directors {

    /** What a director knows about one enrolment: its status and the next thing planned for it. */
    private static final class Plan {
        final Enrollment enrollment;
        EnrollmentStatus status = EnrollmentStatus.ENROLLED;
        LocalDate actOn;                 // when the director next gets round to it
        LocalDate interviewOn;           // the booked interview's day
        LocalDate rescheduleOn;          // a planned reschedule (interview or adaptation)
        LocalDate cancelOn;              // the family will cancel on this day
        boolean rescheduled;

        Plan(Enrollment enrollment) {
            this.enrollment = enrollment;
        }
    }

    private final NurseryService service;
    private final Calendar calendar;
    private final Random random;
    private final ZoneId zone;
    private final VirtualClock clock;
    private final Map<String, Plan> plans = new LinkedHashMap<>();
    private final Map<String, Integer> rejections = new TreeMap<>();
    private int commands;

    Directors(NurseryService service, Calendar calendar, Random random, ZoneId zone, VirtualClock clock) {
        this.service = service;
        this.calendar = calendar;
        this.random = random;
        this.zone = zone;
        this.clock = clock;
    }

    void enrolled(Enrollment e, LocalDate today) {
        Plan p = new Plan(e);
        p.actOn = calendar.plusWorkingDays(today, delay(1.5));
        if (random.nextDouble() < 0.03) {
            p.cancelOn = today.plusDays(3 + random.nextInt(40));
        }
        plans.put(e.id(), p);
    }

    /** The clock moved an enrolment (adaptation started or ended). */
    void moved(String enrollmentId, EnrollmentStatus to) {
        Plan p = plans.get(enrollmentId);
        if (p != null) {
            p.status = to;
        }
    }

    Map<String, Integer> rejections() {
        return rejections;
    }

    int commands() {
        return commands;
    }

    /** The office hours of one day: bookings at 10:00, interview results at 18:00. */
    void workDay(LocalDate today) {
        clock.set(today.atTime(LocalTime.of(10, 0)).atZone(zone).toInstant());
        List<Plan> heldToday = new ArrayList<>();
        for (Plan p : plans.values()) {
            if (p.status.isFinal()) {
                continue;
            }
            if (today.equals(p.cancelOn)) {
                send(p, new CancelEnrollment(p.enrollment.id(), "la familia desiste", director(p)));
                continue;
            }
            switch (p.status) {
                case ENROLLED -> {
                    if (p.actOn != null && !today.isBefore(p.actOn) && calendar.isWorkingDay(today)) {
                        bookInterview(p, today);
                    }
                }
                case INTERVIEW_SCHEDULED -> {
                    if (today.equals(p.interviewOn)) {
                        heldToday.add(p);
                    } else if (today.equals(p.rescheduleOn)) {
                        p.rescheduleOn = null;
                        bookInterview(p, today);
                    }
                }
                case INTERVIEWED -> {
                    if (p.actOn != null && !today.isBefore(p.actOn) && calendar.isWorkingDay(today)) {
                        bookAdaptation(p, today);
                    }
                }
                case ADAPTATION_SCHEDULED -> {
                    if (today.equals(p.rescheduleOn)) {
                        p.rescheduleOn = null;
                        LocalDate later = calendar.plusWorkingDays(today.plusDays(1), 1 + random.nextInt(3));
                        send(p, new ScheduleAdaptation(p.enrollment.id(), later, director(p)));
                    }
                }
                default -> {
                }
            }
        }
        clock.set(today.atTime(LocalTime.of(18, 0)).atZone(zone).toInstant());
        for (Plan p : heldToday) {
            boolean came = random.nextDouble() >= 0.15;
            CommandOutcome o = send(p, new RecordInterview(p.enrollment.id(), came, director(p)));
            if (!o.rejected()) {
                p.actOn = came ? calendar.plusWorkingDays(today.plusDays(1), delay(1.0)) : calendar.plusWorkingDays(today.plusDays(1), delay(2.0));
            }
        }
    }

    private void bookInterview(Plan p, LocalDate today) {
        LocalDate day = calendar.plusWorkingDays(today.plusDays(1), random.nextInt(4));
        double slip = random.nextDouble();
        if (slip < 0.03) {
            day = calendar.nonWorkingDayFrom(today.plusDays(1));
        } else if (slip < 0.04) {
            day = today.minusDays(1);
        }
        LocalTime time = LocalTime.of(9 + random.nextInt(7), random.nextBoolean() ? 0 : 30);
        CommandOutcome o = send(p, new ScheduleInterview(p.enrollment.id(), day.atTime(time).atZone(zone).toInstant(), director(p)));
        if (o.rejected()) {
            p.actOn = calendar.plusWorkingDays(today.plusDays(1), 0);   // try again tomorrow
            return;
        }
        p.interviewOn = day;
        if (!p.rescheduled && random.nextDouble() < 0.06 && day.isAfter(today.plusDays(1))) {
            p.rescheduled = true;
            p.rescheduleOn = today.plusDays(1);
        }
    }

    private void bookAdaptation(Plan p, LocalDate today) {
        LocalDate earliest = p.enrollment.startsOn().isAfter(today) ? p.enrollment.startsOn() : today.plusDays(1);
        LocalDate day = calendar.plusWorkingDays(earliest, random.nextInt(3));
        double slip = random.nextDouble();
        if (slip < 0.03) {
            day = calendar.nonWorkingDayFrom(earliest);
        } else if (slip < 0.05 && p.enrollment.startsOn().isAfter(today.plusDays(2))) {
            day = p.enrollment.startsOn().minusDays(1);
        }
        for (int attempt = 0; attempt < 3; attempt++) {
            CommandOutcome o = send(p, new ScheduleAdaptation(p.enrollment.id(), day, director(p)));
            if (!o.rejected()) {
                if (random.nextDouble() < 0.04) {
                    p.rescheduleOn = today.plusDays(1);
                }
                return;
            }
            String code = o.rejections().get(0).code();
            if (!code.equals("CAPACITY_FULL")) {
                break;   // a slip: the director tries again tomorrow
            }
            day = calendar.plusWorkingDays(day.plusDays(1), 0);   // full: the next working day
        }
        p.actOn = calendar.plusWorkingDays(today.plusDays(1), 0);
    }

    private CommandOutcome send(Plan p, Command command) {
        commands++;
        CommandOutcome o = service.handle(command);
        for (Rejection r : o.rejections()) {
            rejections.merge(r.code(), 1, Integer::sum);
        }
        p.status = o.enrollment().status();
        return o;
    }

    /** Working days until the director gets round to it: mostly soon, sometimes a week or more. */
    private int delay(double mean) {
        int d = 0;
        while (random.nextDouble() > 1.0 / (1.0 + mean) && d < 15) {
            d++;
        }
        return d;
    }

    private static String director(Plan p) {
        return "directora-" + p.enrollment.campusId();
    }
}
