package io.regla.api.action;

import io.regla.api.Action;

/**
 * Set the owner of a CRM object.
 *
 * @param objectType {@code CONTACT} or {@code DEAL}
 */
public record AssignOwner(String objectType, String objectId, String ownerId) implements Action {
}
