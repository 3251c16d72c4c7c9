package io.regla.api.spi;

import java.util.LinkedHashSet;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * Helpers a rules module on the classpath vouches for: its rule sets call them (working days, e-mail checks), so a
 * host that puts the module on its classpath allows them for strict rule sets, beside those it passes to
 * {@code Regla.builder().allowHelpers(..)}. Listed in {@code META-INF/services/io.regla.api.spi.StrictHelpers};
 * the list is code the host ships, never something a rule folder can add to.
 */
public interface StrictHelpers {

    /** Classes whose static methods strict rule sets may call. */
    Set<Class<?>> helpers();

    /** Every helper the modules on {@code loader}'s classpath declare. */
    static Set<Class<?>> onClasspath(ClassLoader loader) {
        Set<Class<?>> out = new LinkedHashSet<>();
        for (StrictHelpers h : ServiceLoader.load(StrictHelpers.class, loader)) out.addAll(h.helpers());
        return out;
    }
}
