package io.regla.store.tck;

import io.regla.api.PersonalData;

/** A fact with personal data, for the decision log contract: name and e-mail are marked. */
public record TestGuardian(String id, @PersonalData.Field String name, @PersonalData.Field String email) {
}
