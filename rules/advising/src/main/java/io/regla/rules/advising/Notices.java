package io.regla.rules.advising;

/** Subjects and bodies of the internal notices (Spanish: the university's staff read them). */
public final class Notices {

    private Notices() {
    }

    /**
     * The notice's idempotency key, {@code AVISO:<dealId>:<subject>}: a re-run over the same deal emits the
     * same notice again, and the outbox creates its task once.
     */
    public static String key(String dealId, String subject) {
        return "AVISO:" + dealId + ":" + subject;
    }

    /** The seed's subject: {@code Deal sin Facultad Asociada [<deal name>]}. */
    public static String noFacultySubject(String dealName) {
        return "Deal sin Facultad Asociada [" + (dealName == null ? "" : dealName) + "]";
    }

    public static String noFacultyBody(String dealId) {
        return "El negocio " + dealId + " no tiene la propiedad Facultad. Asigne la facultad del programa en HubSpot; "
                + "el flujo asignará entonces el asesor de esa facultad y enviará la ficha técnica de inscripción.";
    }

    public static String unknownFacultySubject(String faculty) {
        return "Facultad sin asesor [" + (faculty == null ? "" : faculty.strip()) + "]";
    }

    public static String unknownFacultyBody(String dealId, String faculty) {
        return "El negocio " + dealId + " tiene la facultad '" + (faculty == null ? "" : faculty.strip())
                + "', que no figura en la tabla de facultades y asesores (faculty-routes.csv). Corrija la facultad del "
                + "negocio o agregue la facultad a la tabla.";
    }
}
