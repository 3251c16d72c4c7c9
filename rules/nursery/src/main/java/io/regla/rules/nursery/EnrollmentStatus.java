package io.regla.rules.nursery;

/**
 * Where an enrolment is in the admission journey, in journey order. {@link #CANCELLED} and
 * {@link #ADAPTED} are final: no transition leaves them.
 */
public enum EnrollmentStatus {
    ENROLLED, INTERVIEW_SCHEDULED, INTERVIEWED, ADAPTATION_SCHEDULED, IN_ADAPTATION, ADAPTED, CANCELLED;

    public boolean isFinal() {
        return this == ADAPTED || this == CANCELLED;
    }
}
