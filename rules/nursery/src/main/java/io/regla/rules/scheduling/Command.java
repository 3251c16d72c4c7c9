package io.regla.rules.scheduling;

/**
 * A director's request about one enrolment. The scheduling rules either carry it out (emitting
 * {@link Transition}s) or refuse it with a {@link io.regla.api.action.Rejection}; either way they
 * consume it (delete it from the session) so it is handled once.
 */
public sealed interface Command permits ScheduleInterview, RecordInterview, ScheduleAdaptation, CancelEnrollment {

    String enrollmentId();

    /** Who asked (the director): every transition carries it. */
    String by();

    /** How a rejection names the command: {@code ScheduleInterview E1}. */
    default String label() {
        return getClass().getSimpleName() + " " + enrollmentId();
    }

    /** Commands without an enrolment or an author are refused at construction, naming the field. */
    static void require(Class<?> type, String enrollmentId, String by) {
        if (enrollmentId == null || enrollmentId.isBlank()) {
            throw new IllegalArgumentException(type.getSimpleName() + ".enrollmentId is required");
        }
        if (by == null || by.isBlank()) {
            throw new IllegalArgumentException(type.getSimpleName() + " " + enrollmentId
                    + ": 'by' (who asks) is required: every transition is traceable to a person");
        }
    }
}
