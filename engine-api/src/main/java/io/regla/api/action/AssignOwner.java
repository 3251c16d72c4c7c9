package io.regla.api.action;

import io.regla.api.Action;
import io.regla.api.ActionKey;

/**
 * Set the owner of a CRM object.
 *
 * @param objectType {@code CONTACT} or {@code DEAL}
 */
public record AssignOwner(@ActionKey String objectType, @ActionKey String objectId, String ownerId) implements Action {
}
