package io.regla.rules.mailing;

/** The provider's template names the nursery rules send (user-facing: they keep the seed's Spanish). */
public final class Templates {

    /** Welcome, once per enrolment. */
    public static final String BIENVENIDA = "BIENVENIDA";
    /** Reminder, once per (enrolment, adaptation start date). */
    public static final String RECORDATORIO_ADAPTACION = "RECORDATORIO_ADAPTACION";
    /** Adaptation survey: weekly per address in mailing 1.0.0, once per enrolment after the adaptation from 1.1.0. */
    public static final String ENCUESTA_ADAPTACION = "ENCUESTA_ADAPTACION";

    private Templates() {
    }
}
