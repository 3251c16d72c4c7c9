package io.regla.rules.scheduling;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Schedule (or reschedule) the adaptation of an interviewed enrolment to start on {@code startsOn}.
 *
 * @param days how many working days this child's adaptation lasts (the seed: "puede variar para cada niño"); null
 *             keeps the child's length given earlier, else the campus's {@code adaptationDays}. Read from
 *             {@code scheduling} 1.1.0 on; 1.0.0 ignores it.
 */
public record ScheduleAdaptation(String enrollmentId, LocalDate startsOn, String by, Integer days) implements Command {

    /** The longest adaptation a command may ask for, in working days (a typo guard: a term is about 90). */
    public static final int MAX_DAYS = 60;

    public ScheduleAdaptation {
        Command.require(ScheduleAdaptation.class, enrollmentId, by);
        Objects.requireNonNull(startsOn, () -> "ScheduleAdaptation " + enrollmentId + ": startsOn is required");
        if (days != null && (days < 1 || days > MAX_DAYS)) {
            throw new IllegalArgumentException("ScheduleAdaptation " + enrollmentId + ": days must be 1 to " + MAX_DAYS
                    + " working days, was " + days);
        }
    }

    /** With the campus's length (or the child's, given before). */
    public ScheduleAdaptation(String enrollmentId, LocalDate startsOn, String by) {
        this(enrollmentId, startsOn, by, null);
    }
}
