package io.regla.rules.advising;


import java.util.LinkedHashMap;
import java.util.Map;

/** The enrolment e-mail of the seed: template, idempotency key and merge fields. */
public final class Enrolment {

    /** The HubSpot template name, as the seed spells it. */
    public static final String TEMPLATE = "Notificación Inscripción [Ficha técnica]";

    private Enrolment() {
    }

    /** {@code INSCRIPCION:<dealId>:<contactId>}: one enrolment e-mail per deal and contact, ever. */
    public static String key(String dealId, String contactId) {
        return "INSCRIPCION:" + dealId + ":" + contactId;
    }

    public static Map<String, String> mergeFields(Deal deal, Contact contact, Advisor advisor) {
        return mergeFields(deal, contact, advisor, deal.faculty());
    }

    /** With the faculty the deal was routed by (1.1.0: its contacts' faculty, which may differ from the deal's). */
    public static Map<String, String> mergeFields(Deal deal, Contact contact, Advisor advisor, String faculty) {
        Map<String, String> m = new LinkedHashMap<>();
        put(m, "firstName", contact.firstName());
        put(m, "lastName", contact.lastName());
        put(m, "dealName", deal.name());
        put(m, "faculty", faculty == null ? null : faculty.strip());
        put(m, "advisorName", advisor.name());
        put(m, "advisorEmail", advisor.email());
        return m;
    }

    private static void put(Map<String, String> m, String k, String v) {
        if (v != null && !v.isBlank()) m.put(k, v);
    }
}
