package io.regla.rules.scheduling;

import java.time.Instant;
import java.util.Objects;

/** Schedule (or reschedule) the interview of an enrolment at {@code at}. */
public record ScheduleInterview(String enrollmentId, Instant at, String by) implements Command {
    public ScheduleInterview {
        Command.require(ScheduleInterview.class, enrollmentId, by);
        Objects.requireNonNull(at, () -> "ScheduleInterview " + enrollmentId + ": at is required");
    }
}
