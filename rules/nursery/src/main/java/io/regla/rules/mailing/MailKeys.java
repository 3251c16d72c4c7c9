package io.regla.rules.mailing;

import java.time.LocalDate;

/**
 * The idempotency keys of the nursery e-mails. A key names one e-mail for ever: the outbox sends a
 * key at most once and the rules never emit a key already emitted or in the {@link EmailSent} history.
 */
public final class MailKeys {

    private MailKeys() {
    }

    /** {@code BIENVENIDA:E1}. */
    public static String welcome(String enrollmentId) {
        return Templates.BIENVENIDA + ":" + enrollmentId;
    }

    /** {@code RECORDATORIO_ADAPTACION:E1:2026-03-09}: a rescheduled adaptation gets a new reminder. */
    public static String reminder(String enrollmentId, LocalDate adaptationStartsOn) {
        return Templates.RECORDATORIO_ADAPTACION + ":" + enrollmentId + ":" + adaptationStartsOn;
    }

    /** {@code ENCUESTA_ADAPTACION:ana@example.com:2026-W10} (mailing 1.0.0: once per address and ISO week). */
    public static String weeklySurvey(String email, String isoWeek) {
        return Templates.ENCUESTA_ADAPTACION + ":" + EmailAddresses.normalize(email) + ":" + isoWeek;
    }

    /** {@code ENCUESTA_ADAPTACION:E1} (mailing 1.1.0: once per enrolment). */
    public static String surveyAfterAdaptation(String enrollmentId) {
        return Templates.ENCUESTA_ADAPTACION + ":" + enrollmentId;
    }
}
