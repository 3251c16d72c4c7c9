package io.regla.adapters.http.auth;

import java.time.Instant;
import java.util.List;

/**
 * A service's API token, stored under its public prefix (the lookup key); only the SHA-256 of its secret part is
 * kept (a token is long and random: a slow hash adds nothing), compared in constant time.
 */
public record ApiToken(String prefix, String secretSha256, String role, List<String> scope, Instant createdAt) {

    public ApiToken {
        scope = scope == null ? List.of() : List.copyOf(scope);
    }
}
