package io.regla.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Another name a fact or action field is known by in scenario files and fact files, so renaming a field of a
 * released type does not break the files written against the old name. The field's own name stays the one
 * decisions are printed with.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
public @interface FieldAlias {

    /** The other names. */
    String[] value();
}
