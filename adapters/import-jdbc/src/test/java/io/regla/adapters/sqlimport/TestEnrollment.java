package io.regla.adapters.sqlimport;

import java.time.LocalDate;

/** The shape of the nursery's Enrollment fact, owned by this test. */
public record TestEnrollment(String id, String childName, String campusId, String guardianName, String guardianEmail,
                             LocalDate enrolledOn, LocalDate startsOn, Status status) {

    public enum Status { ENROLLED, INTERVIEW_SCHEDULED, INTERVIEWED, ADAPTATION_SCHEDULED, IN_ADAPTATION, ADAPTED, CANCELLED }
}
