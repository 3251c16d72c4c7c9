package io.regla.api.action;

import io.regla.api.Action;
import io.regla.api.PersonalData;

import java.util.Map;

/**
 * Send one e-mail from a template. {@code key} identifies this e-mail for ever: the outbox sends a key
 * at most once, and rules use it to never emit the same (template, key) twice.
 *
 * @param template     the provider's template name (user-facing, in the seed's language: {@code BIENVENIDA})
 * @param to           recipient address
 * @param enrollmentId the business object the mail is about (an enrolment, a deal), for tracing
 * @param key          idempotency key, unique per e-mail ever sent
 * @param mergeFields  values the template merges in
 */
public record SendEmail(String template, @PersonalData.Field String to, String enrollmentId, String key, Map<String, String> mergeFields)
        implements Action {

    public SendEmail {
        mergeFields = mergeFields == null ? Map.of() : Map.copyOf(mergeFields);
    }
}
