package io.regla.rules.nursery;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The interview with the guardians before the child starts.
 *
 * @param at       when it is (or was) held
 * @param attended {@code null} while it has not been recorded, then whether the guardians came
 */
public record Interview(String enrollmentId, Instant at, Boolean attended) {

    public Interview {
        Objects.requireNonNull(enrollmentId, "Interview.enrollmentId is required");
        Objects.requireNonNull(at, () -> "Interview of " + enrollmentId + ": at is required");
    }

    /** The interview's calendar day in a zone (rules pass the rule set's zone from {@code Now}). */
    public LocalDate dateIn(ZoneId zone) {
        return LocalDate.ofInstant(at, zone);
    }

    public boolean isPending() {
        return attended == null;
    }
}
