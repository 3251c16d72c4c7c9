package io.regla.rules.advising;

import java.time.Instant;

/**
 * One step in a contact's advising journey, as the store keeps it (type {@code ContactJourneyStep}): who changed the
 * contact's faculty and from what to what, and each owner move the change caused (the contact's, its open deals').
 * Stored under {@code <contactId>#<epoch millis>#<n>} so the steps of one contact list in order by id prefix.
 *
 * @param what       {@link #FACULTY} or {@link #OWNER}
 * @param objectType {@code CONTACT} or {@code DEAL}: whose faculty or owner changed
 * @param from       the value before (faculty or owner id), or null when unknown or unset
 * @param to         the value after
 * @param by         who: for a faculty, HubSpot's source ({@code userId:4242}, {@code IMPORT}, …); for an owner,
 *                   {@code regla advising} and the version that decided
 */
public record ContactJourneyStep(String contactId, Instant at, String what, String objectType, String objectId,
                                 String from, String to, String by) {

    public static final String FACULTY = "FACULTAD";
    public static final String OWNER = "PROPIETARIO";

    /** The store id; {@code n} orders the steps of one contact at one instant. */
    public String storeId(int n) {
        return prefix(contactId) + String.format("%015d#%03d", at.toEpochMilli(), n);
    }

    public static String prefix(String contactId) {
        return contactId + "#";
    }
}
