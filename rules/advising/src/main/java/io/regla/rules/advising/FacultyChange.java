package io.regla.rules.advising;

import java.time.Instant;

/**
 * A contact's faculty property changed in the CRM (a webhook's {@code contact.propertyChange}, or the poller reading
 * the property's history). With it the rules move the contact to the new faculty's advisor even when it has no open
 * deal (advising 1.1.0 and later); its open deals are decided alongside, each by its contacts' faculty.
 *
 * @param from      the faculty before, or null when unknown (a webhook does not say)
 * @param to        the faculty now, as typed (blank: the faculty was removed)
 * @param changedBy who changed it, as HubSpot says ({@code userId:123}, {@code IMPORT}, {@code INTEGRATION:456}, …)
 */
public record FacultyChange(String contactId, String from, String to, String changedBy, Instant at) {
    public FacultyChange {
        if (contactId == null || contactId.isBlank()) throw new IllegalArgumentException("FacultyChange.contactId is required");
    }
}
