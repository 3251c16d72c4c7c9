package io.regla.rules.advising;

import io.regla.api.PersonalData;

/**
 * A CRM owner who can advise students: the HubSpot owner list, not the routing table, says who exists.
 *
 * @param ownerId the HubSpot owner {@code id} (what {@code hubspot_owner_id} holds, not the user id)
 */
public record Advisor(String ownerId, @PersonalData.Field String name, @PersonalData.Field String email) {
    public Advisor {
        if (ownerId == null || ownerId.isBlank()) throw new IllegalArgumentException("Advisor.ownerId is required");
    }

    /** Whether this advisor's e-mail is {@code email}, ignoring case and surrounding spaces. */
    public boolean hasEmail(String email) {
        return Faculties.sameEmail(this.email, email);
    }
}
