package io.regla.rules.advising;

import io.regla.api.spi.StrictHelpers;

import java.util.Set;

/** The helpers this module's rule sets call, allowed for strict rule sets wherever the module is on the classpath. */
public final class DomainHelpers implements StrictHelpers {

    @Override
    public Set<Class<?>> helpers() {
        return Set.of(io.regla.rules.advising.Faculties.class, io.regla.rules.advising.Enrolment.class, io.regla.rules.advising.Notices.class);
    }
}
