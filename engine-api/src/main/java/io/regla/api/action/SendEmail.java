package io.regla.api.action;

import io.regla.api.Action;
import io.regla.api.FieldAlias;
import io.regla.api.PersonalData;

import java.util.Map;

/**
 * Send one e-mail from a template. {@code key} identifies this e-mail for ever: the outbox sends a key
 * at most once, and rules use it to never emit the same (template, key) twice.
 *
 * @param template    the provider's template name (user-facing, in the seed's language: {@code BIENVENIDA})
 * @param to          recipient address
 * @param subjectId   the business object the mail is about (an enrolment, a deal), for tracing and provider
 *                    metadata; scenario files written before 0.2 may still call it {@code enrollmentId}
 * @param key         idempotency key, unique per e-mail ever sent
 * @param mergeFields values the template merges in
 */
public record SendEmail(String template, @PersonalData.Field String to, @FieldAlias("enrollmentId") String subjectId,
                        String key, Map<String, String> mergeFields) implements Action {

    public SendEmail {
        mergeFields = mergeFields == null ? Map.of() : Map.copyOf(mergeFields);
    }

    /**
     * The field's name before 0.2. Released rule set versions match {@code SendEmail(enrollmentId == $id)}, and a
     * released version never changes, so the old name stays readable from DRL.
     */
    @Deprecated
    public String enrollmentId() {
        return subjectId;
    }
}
