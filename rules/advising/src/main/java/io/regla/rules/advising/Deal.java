package io.regla.rules.advising;

import io.regla.api.PersonalData;
import java.util.List;

/**
 * A HubSpot deal (a lead for a continuing-education programme).
 *
 * @param faculty    the deal's faculty as typed in the CRM, or null/blank when none is associated
 * @param ownerId    the HubSpot owner id of the deal owner, or null
 * @param contactIds the ids of the contacts associated with the deal
 */
public record Deal(String id, @PersonalData.Field String name, String faculty, String ownerId, List<String> contactIds) {
    public Deal {
        if (id == null || id.isBlank()) throw new IllegalArgumentException("Deal.id is required");
        contactIds = contactIds == null ? List.of() : List.copyOf(contactIds);
    }

    /** Whether the deal names a faculty at all (the seed's "Deal sin Facultad Asociada" otherwise). */
    public boolean hasFaculty() {
        return !Faculties.key(faculty).isEmpty();
    }

    public boolean hasOwner() {
        return ownerId != null && !ownerId.isBlank();
    }
}
