package io.regla.adapters.http;

import java.util.Objects;
import java.util.Set;

/**
 * Who is calling: a signed-in user (browser session) or an API token.
 *
 * @param name  the username, or {@code token:<prefix>} for an API token: what the audit trail records as {@code by}
 * @param role  their role
 * @param scope the scope ids (campus ids) a {@linkplain Role#scoped() scoped} role is limited to
 * @param csrf  the session's CSRF token; null for a token (bearer calls are not forgeable by a browser)
 */
public record Principal(String name, Role role, Set<String> scope, String csrf) {

    public Principal {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        scope = Set.copyOf(scope);
    }

    /** True if this principal may see things under the scope id (a campus). */
    public boolean covers(String scopeId) {
        return !role.scoped() || (scopeId != null && scope.contains(scopeId));
    }

    public boolean is(Role other) {
        return role.name().equals(other.name());
    }

    public boolean viaSession() {
        return csrf != null;
    }
}
