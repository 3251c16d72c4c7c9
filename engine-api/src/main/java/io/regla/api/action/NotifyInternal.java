package io.regla.api.action;

import io.regla.api.Action;

/** An internal notice to a CRM owner (a task in HubSpot), optionally attached to a deal. */
public record NotifyInternal(String toOwnerId, String subject, String body, String dealId) implements Action {
}
