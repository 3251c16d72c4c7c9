package io.regla.store.tck;

import io.regla.api.Action;
import io.regla.api.PersonalData;

/** An action that carries personal data: a marked address and a free-text greeting. */
public record TestLetter(@PersonalData.Field String to, String guardianId, String text) implements Action {
}
