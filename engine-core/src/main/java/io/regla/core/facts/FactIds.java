package io.regla.core.facts;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;

/**
 * Stable identities for facts in traces: {@code Type#businessKey}. Fact handle ids restart on every
 * pooled session, so traces name facts by what they are: a record's {@code id} component, or else its
 * first component (such as {@code enrollmentId}), or a bean's {@code getId()}.
 */
public final class FactIds {

    private static final ClassValue<Method> KEY = new ClassValue<>() {
        @Override
        protected Method computeValue(Class<?> type) {
            return keyAccessor(type);
        }
    };

    private FactIds() {
    }

    public static String of(Object fact) {
        if (fact == null) return "null";
        Class<?> type = fact.getClass();
        Method key = KEY.get(type);
        String name = type.getSimpleName();
        if (key == null) return name;
        try {
            return name + "#" + key.invoke(fact);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return name;
        }
    }

    /** The business key alone ({@code E1} of {@code Enrollment#E1}), or null when the type has none. */
    public static String key(Object fact) {
        if (fact == null) return null;
        Method key = KEY.get(fact.getClass());
        if (key == null) return null;
        try {
            Object v = key.invoke(fact);
            return v == null ? null : v.toString();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static Method keyAccessor(Class<?> type) {
        try {
            if (type.isRecord()) {
                RecordComponent[] components = type.getRecordComponents();
                for (RecordComponent c : components) {
                    if (c.getName().equals("id")) return accessible(c.getAccessor());
                }
                return components.length == 0 ? null : accessible(components[0].getAccessor());
            }
            Method getId = type.getMethod("getId");
            return getId.getParameterCount() == 0 ? accessible(getId) : null;
        } catch (NoSuchMethodException | RuntimeException e) {
            return null;
        }
    }

    private static Method accessible(Method m) {
        try {
            m.setAccessible(true);
        } catch (RuntimeException ignored) {
            // public accessor of a public type: invoke works without it
        }
        return m;
    }
}
