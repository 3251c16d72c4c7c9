package io.regla.rules.nursery;

import io.regla.api.PersonalData;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A new child's enrolment at a campus (the seed's "matrícula / nuevo ingreso").
 *
 * @param id            business key
 * @param childName     the child's name (personal data: never log it)
 * @param campusId      the {@link Campus} the child joins
 * @param guardianName  the guardian's name (personal data)
 * @param guardianEmail where the mailing goes (personal data); may be invalid: the mailing rules alert on it
 * @param enrolledOn    when the enrolment was made
 * @param startsOn      the first day the child may attend; an adaptation never starts before it
 * @param status        where the enrolment is in the journey; a record without one is a new enrolment,
 *                      {@link EnrollmentStatus#ENROLLED} (as imports and scenarios often leave it out)
 */
public record Enrollment(String id, @PersonalData.Field String childName, String campusId, @PersonalData.Field String guardianName, @PersonalData.Field String guardianEmail,
                         LocalDate enrolledOn, LocalDate startsOn, EnrollmentStatus status) {

    public Enrollment {
        if (id == null || id.isBlank()) throw new IllegalArgumentException("Enrollment.id is required");
        status = Objects.requireNonNullElse(status, EnrollmentStatus.ENROLLED);
    }

    /** The same enrolment in another state: records are immutable, so rules replace the fact with this. */
    public Enrollment withStatus(EnrollmentStatus newStatus) {
        return new Enrollment(id, childName, campusId, guardianName, guardianEmail, enrolledOn, startsOn, newStatus);
    }
}
