package io.regla.core.compile.strict;

import java.util.HashSet;
import java.util.Set;

/**
 * What a strict rule set version may name: its fact and action types (declared, imported, listed in the manifest,
 * shared by every rule set) and the helper classes the host allowed.
 */
final class StrictContext {

    private final Set<String> knownTypes = new HashSet<>();
    private final Set<String> helpers = new HashSet<>();

    StrictContext(Set<Class<?>> knownClasses, Set<Class<?>> helperClasses) {
        knownClasses.forEach(c -> addKnown(c.getName()));
        for (Class<?> h : helperClasses) {
            helpers.add(h.getSimpleName());
            helpers.add(h.getName());
            helpers.add(h.getCanonicalName());
        }
    }

    /** A type the version declares or imports, by full name (its simple name is known too). */
    void addKnown(String fullName) {
        knownTypes.add(fullName);
        knownTypes.add(fullName.substring(fullName.lastIndexOf('.') + 1).replace('$', '.'));
        String nested = fullName.substring(fullName.lastIndexOf('.') + 1);
        if (nested.contains("$")) knownTypes.add(nested.substring(nested.lastIndexOf('$') + 1));
    }

    boolean isKnownType(String name) {
        return knownTypes.contains(name);
    }

    boolean isHelper(String name) {
        return helpers.contains(name);
    }

    boolean isHelperClass(String fullName) {
        return helpers.contains(fullName);
    }
}
