package io.regla.rules.nursery;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The child's adaptation: the first working days at the campus with the guardians present.
 *
 * @param startsOn the first day
 * @param endsOn   the last day (the {@code adaptationDays}-th working day); {@code null} if not known yet
 */
public record Adaptation(String enrollmentId, LocalDate startsOn, LocalDate endsOn) {

    public Adaptation {
        Objects.requireNonNull(enrollmentId, "Adaptation.enrollmentId is required");
        Objects.requireNonNull(startsOn, () -> "Adaptation of " + enrollmentId + ": startsOn is required");
        if (endsOn != null && endsOn.isBefore(startsOn)) {
            throw new IllegalArgumentException("Adaptation of " + enrollmentId + ": endsOn " + endsOn
                    + " is before startsOn " + startsOn);
        }
    }
}
