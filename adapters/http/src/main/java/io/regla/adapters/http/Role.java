package io.regla.adapters.http;

import io.javalin.security.RouteRole;

import java.util.Objects;

/**
 * A role a user or an API token has. Roles are an open set: the platform brings {@link #ADMIN}, route modules
 * contribute their own ({@code DIRECTOR} from the nursery module) through {@link RouteModuleFactory#roles()}, and
 * {@link RoleRegistry} validates names against what is contributed.
 *
 * @param name   upper-case name, as the CLI and the store spell it ({@code DIRECTOR})
 * @param scoped true if a holder sees only the scope ids given to them (a director: her campuses); false if the
 *               role covers every scope id (an administrator)
 */
public record Role(String name, boolean scoped) implements RouteRole {

    /** Manages users, campuses and imports; sees every campus. */
    public static final Role ADMIN = new Role("ADMIN", false);

    public Role {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[A-Z][A-Z_]{1,31}")) {
            throw new IllegalArgumentException("role name '" + name + "' must be upper-case letters and _ (such as DIRECTOR)");
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
