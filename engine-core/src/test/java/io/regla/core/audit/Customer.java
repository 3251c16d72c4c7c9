package io.regla.core.audit;

import io.regla.api.PersonalData;

/** A test fact with personal data: the name and the e-mail are marked, the segment is not. */
public record Customer(String id, @PersonalData.Field String name, @PersonalData.Field String email, String segment) {
}
