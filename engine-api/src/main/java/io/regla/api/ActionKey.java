package io.regla.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the components of an {@link Action} that identify it, so that tools comparing two decisions (the
 * what-if diff, shadow mode) can tell "the same action with other fields" (changed) from "another action"
 * (removed and added). Without it, an action's identity is its {@code key} component (the outbox
 * idempotency key) if it has one, else its components named {@code id} or ending in {@code Id}, else its
 * first component.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD})
public @interface ActionKey {
}
