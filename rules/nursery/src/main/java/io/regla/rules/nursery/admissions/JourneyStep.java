package io.regla.rules.nursery.admissions;

import io.regla.rules.nursery.EnrollmentStatus;
import io.regla.rules.scheduling.Transition;

import java.time.Instant;

/**
 * One stored step of an admission journey: a {@link Transition} the rules decided, with when it was applied.
 * Stored under {@code <enrollmentId>#<epoch millis>#<n>}, so the steps of one enrolment list in order by id prefix.
 *
 * @param by     who caused it (a director, or {@link Transition#BY_CLOCK})
 * @param reason why, in the rules' words
 */
public record JourneyStep(String enrollmentId, Instant at, EnrollmentStatus from, EnrollmentStatus to, String by,
                          String reason) {

    static JourneyStep of(Transition t, Instant at) {
        return new JourneyStep(t.enrollmentId(), at, t.from(), t.to(), t.by(), t.reason());
    }

    /** The store id; {@code n} orders the steps applied at the same instant. */
    String storeId(int n) {
        return prefix(enrollmentId) + String.format("%015d#%03d", at.toEpochMilli(), n);
    }

    static String prefix(String enrollmentId) {
        return enrollmentId + "#";
    }
}
