package io.regla.rules.nursery;

import io.regla.api.spi.StrictHelpers;

import java.util.Set;

/** The helpers this module's rule sets call, allowed for strict rule sets wherever the module is on the classpath. */
public final class DomainHelpers implements StrictHelpers {

    @Override
    public Set<Class<?>> helpers() {
        return Set.of(io.regla.rules.nursery.WorkingDays.class, io.regla.rules.mailing.EmailAddresses.class, io.regla.rules.mailing.MailKeys.class, io.regla.rules.mailing.SurveySettings.class, io.regla.rules.mailing.MergeFields.class);
    }
}
