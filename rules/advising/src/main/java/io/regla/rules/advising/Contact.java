package io.regla.rules.advising;

import io.regla.api.PersonalData;

/**
 * A HubSpot contact as the advising rules see it.
 *
 * @param faculty the contact's "Facultad" property as typed in the CRM (any case, accents, spaces)
 * @param ownerId the HubSpot owner id of the contact owner, or null
 */
public record Contact(String id, @PersonalData.Field String email, @PersonalData.Field String firstName, @PersonalData.Field String lastName, String faculty, String ownerId) {
    public Contact {
        if (id == null || id.isBlank()) throw new IllegalArgumentException("Contact.id is required");
    }

    /** Whether the contact names a faculty at all (advising 1.1.0 routes a deal by its contacts' faculty). */
    public boolean hasFaculty() {
        return !Faculties.key(faculty).isEmpty();
    }
}
