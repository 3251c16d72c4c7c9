package io.regla.rules.nursery.admissions;

import io.regla.api.ReglaException;

/** A command names an enrolment the store does not hold. */
public class UnknownEnrollmentException extends ReglaException {

    private final String enrollmentId;

    public UnknownEnrollmentException(String enrollmentId) {
        super("there is no enrolment '" + enrollmentId + "'");
        this.enrollmentId = enrollmentId;
    }

    public String enrollmentId() {
        return enrollmentId;
    }
}
