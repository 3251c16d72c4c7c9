package io.regla.adapters.hubspot.crm;

import java.time.Instant;
import java.util.Map;

/** A contact, deal or task as HubSpot returns it: every property is a string (or absent). */
public record CrmObject(String id, Map<String, String> properties, Instant createdAt, Instant updatedAt) {

    public CrmObject {
        properties = Map.copyOf(properties);
    }

    /** The property's value, or null when HubSpot sent none or an empty string. */
    public String property(String name) {
        String v = properties.get(name);
        return v == null || v.isEmpty() ? null : v;
    }
}
