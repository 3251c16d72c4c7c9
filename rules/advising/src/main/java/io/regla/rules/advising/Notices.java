package io.regla.rules.advising;

/** Subjects and bodies of the internal notices (Spanish: the university's staff read them). */
public final class Notices {

    /**
     * The HubSpot (or Mailer) template of a notice sent as e-mail: an internal template whose subject and body are the
     * merge fields {@code subject} and {@code body} (HubSpot: {@code {{ custom.subject }}}, {@code {{ custom.body }}}).
     */
    public static final String EMAIL_TEMPLATE = "Aviso interno";

    private Notices() {
    }

    /**
     * The key of a notice sent as e-mail, {@code AVISO-CORREO:<dealId>:<subject digest>}: once per deal and subject (also
     * HubSpot's {@code sendId}). The subject holds the deal's name, often a person's; keys are logged, so only a digest.
     */
    public static String emailKey(String dealId, String subject) {
        return "AVISO-CORREO:" + dealId + ":" + digest(subject);
    }

    /**
     * The notice's idempotency key, {@code AVISO:<dealId>:<subject digest>}: a re-run over the same deal emits the
     * same notice again, and the outbox creates its task once. No deal name in it (see {@link #emailKey}).
     */
    public static String key(String dealId, String subject) {
        return "AVISO:" + dealId + ":" + digest(subject);
    }

    /** The first 12 hex digits of the subject's SHA-256: stable, and says nothing of the name inside it. */
    static String digest(String subject) {
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest((subject == null ? "" : subject).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(hash, 0, 6);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
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

    /** 1.1.0: the notice names where the unknown faculty was read (the contacts' property or the deal's). */
    public static String unknownFacultyBody(DealFaculty faculty) {
        if (!faculty.fromContacts()) return unknownFacultyBody(faculty.dealId(), faculty.faculty());
        String f = faculty.faculty() == null ? "" : faculty.faculty().strip();
        return "Los contactos del negocio " + faculty.dealId() + " tienen la facultad '" + f + "', que no figura en la "
                + "tabla de facultades y asesores (faculty-routes.csv). Corrija la propiedad Facultad de los contactos o "
                + "agregue la facultad a la tabla.";
    }

    /** 1.1.0: no faculty on the deal nor on any of its contacts. */
    public static String noFacultyAnywhereBody(String dealId) {
        return "El negocio " + dealId + " no tiene facultad, ni en el negocio ni en sus contactos asociados. Asigne la "
                + "propiedad Facultad al contacto (o al negocio) en HubSpot; el flujo asignará entonces el asesor de esa "
                + "facultad y enviará la ficha técnica de inscripción.";
    }

    /** 1.1.0: contacts of one deal name different faculties; the alert's text, in Spanish for the team. */
    public static String conflictMessage(String dealId, String faculty, String other) {
        return "los contactos del negocio " + dealId + " tienen facultades distintas ('" + (faculty == null ? "" : faculty.strip())
                + "' y '" + (other == null ? "" : other.strip()) + "'); el negocio no se asigna hasta que coincidan";
    }
}
