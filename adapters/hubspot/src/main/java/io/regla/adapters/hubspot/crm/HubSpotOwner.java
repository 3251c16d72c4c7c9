package io.regla.adapters.hubspot.crm;

/**
 * An owner from {@code GET /crm/v3/owners/}. {@link #id()} is what {@code hubspot_owner_id} holds (not the user id).
 */
public record HubSpotOwner(String id, String email, String firstName, String lastName, String userId, boolean archived) {

    /** "First Last", or null when HubSpot has neither. */
    public String name() {
        String n = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).strip();
        return n.isEmpty() ? null : n;
    }
}
