package io.regla.api.spi;

import java.util.Map;

/**
 * One e-mail as the outbox hands it to a {@link Mailer}.
 *
 * @param key         the outbox key: unique per e-mail ever, attached to the provider call for reconciliation
 * @param template    provider template name
 * @param to          recipient address
 * @param subjectId   the business object (enrolment, deal), for provider metadata
 * @param mergeFields template values
 */
public record OutgoingEmail(String key, String template, String to, String subjectId, Map<String, String> mergeFields) {
    public OutgoingEmail {
        mergeFields = mergeFields == null ? Map.of() : Map.copyOf(mergeFields);
    }
}
