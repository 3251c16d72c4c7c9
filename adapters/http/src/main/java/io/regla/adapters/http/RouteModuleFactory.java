package io.regla.adapters.http;

import java.util.List;

/**
 * How a module plugs into {@code regla serve}: listed in
 * {@code META-INF/services/io.regla.adapters.http.RouteModuleFactory} (public no-arg constructor), called once with
 * the running application's {@link ServeContext}.
 */
public interface RouteModuleFactory {

    /** Roles this module's routes use beyond {@link Role#ADMIN} (known before any server starts: the CLI validates with them). */
    default List<Role> roles() {
        return List.of();
    }

    /**
     * The modules to serve; empty when not configured here (say, its secret is not in the environment: log why, do
     * not fail the server).
     *
     * @throws IllegalArgumentException if its configuration is present but wrong (the server does not start)
     */
    List<RouteModule> create(ServeContext context);
}
