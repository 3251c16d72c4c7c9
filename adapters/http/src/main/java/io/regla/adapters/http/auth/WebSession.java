package io.regla.adapters.http.auth;

import java.time.Instant;

/**
 * A browser session, stored in the store (so either of two instances serves it) under the SHA-256 of the cookie's
 * value: reading the store does not give anyone a usable session id.
 *
 * @param csrf the synchroniser token every form and state-changing call of this session must carry
 */
public record WebSession(String username, String csrf, Instant createdAt, Instant expiresAt) {
}
