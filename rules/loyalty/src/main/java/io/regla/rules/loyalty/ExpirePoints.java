package io.regla.rules.loyalty;

import io.regla.api.Action;

/** The rest of a lot lapsed at its {@code expiresAt}. */
public record ExpirePoints(String memberId, String lotId, long points) implements Action {
}
