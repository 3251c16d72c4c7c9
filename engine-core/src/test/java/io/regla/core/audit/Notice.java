package io.regla.core.audit;

import io.regla.api.Action;
import io.regla.api.PersonalData;

/** A test action: the address is marked; the message is free text a rule fills with the customer's name. */
public record Notice(@PersonalData.Field String to, String customerId, String message) implements Action {
}
