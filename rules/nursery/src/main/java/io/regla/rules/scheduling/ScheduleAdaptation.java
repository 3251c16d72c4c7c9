package io.regla.rules.scheduling;

import java.time.LocalDate;
import java.util.Objects;

/** Schedule (or reschedule) the adaptation of an interviewed enrolment to start on {@code startsOn}. */
public record ScheduleAdaptation(String enrollmentId, LocalDate startsOn, String by) implements Command {
    public ScheduleAdaptation {
        Command.require(ScheduleAdaptation.class, enrollmentId, by);
        Objects.requireNonNull(startsOn, () -> "ScheduleAdaptation " + enrollmentId + ": startsOn is required");
    }
}
