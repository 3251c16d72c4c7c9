package io.regla.rules.scheduling;

import io.regla.api.Action;
import io.regla.rules.nursery.EnrollmentStatus;

/**
 * An enrolment changed state (or, with {@code from == to}, was rescheduled in place): the caller
 * persists it, which makes the admission journey traceable step by step.
 *
 * @param by     who caused it: the director of the command, or {@link #BY_CLOCK} for time-driven steps
 * @param reason why, in words (dates included)
 */
public record Transition(String enrollmentId, EnrollmentStatus from, EnrollmentStatus to, String by, String reason)
        implements Action {

    /** The author of transitions the passing of time causes (an adaptation starting or ending). */
    public static final String BY_CLOCK = "clock";
}
