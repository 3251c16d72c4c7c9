package io.regla.api.action;

import io.regla.api.Action;
import io.regla.api.ActionKey;

/**
 * Something a person should look at. Codes keep the seeds' Spanish ({@code AUDIENCIA_INVALIDA}) or are
 * upper-case English ({@code NO_SHOW}); {@code subjectId} names what the alert is about.
 */
public record Alert(@ActionKey String code, @ActionKey String subjectId, String message) implements Action {
}
