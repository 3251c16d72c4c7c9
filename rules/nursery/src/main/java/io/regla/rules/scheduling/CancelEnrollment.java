package io.regla.rules.scheduling;

/** Cancel an enrolment that is not yet in a final state. */
public record CancelEnrollment(String enrollmentId, String reason, String by) implements Command {
    public CancelEnrollment {
        Command.require(CancelEnrollment.class, enrollmentId, by);
    }
}
