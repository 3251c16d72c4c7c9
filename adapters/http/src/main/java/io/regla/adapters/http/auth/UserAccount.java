package io.regla.adapters.http.auth;

import java.time.Instant;
import java.util.List;

/**
 * A person who signs in, stored as a fact under their username (so it lives in whichever store serves: JDBC or
 * DynamoDB). Changes are compare-and-set on the fact's version.
 *
 * @param role         a {@link io.regla.adapters.http.Role} name
 * @param scope        scope ids (campus ids) a scoped role is limited to
 * @param passwordHash the encoded hash (BCrypt, with its salt and cost); the password itself is never stored or logged
 * @param failures     consecutive failed sign-ins
 * @param lockedUntil  no sign-in succeeds before this (null: not locked)
 */
public record UserAccount(String username, String role, List<String> scope, String passwordHash, int failures,
                          Instant lockedUntil, Instant createdAt) {

    public UserAccount {
        scope = scope == null ? List.of() : List.copyOf(scope);
    }

    UserAccount withFailures(int newFailures, Instant newLockedUntil) {
        return new UserAccount(username, role, scope, passwordHash, newFailures, newLockedUntil, createdAt);
    }

    /** What pages and {@code regla users list} show: everything but the hash. */
    @Override
    public String toString() {
        return "UserAccount[" + username + ", " + role + ", " + scope + "]";
    }
}
