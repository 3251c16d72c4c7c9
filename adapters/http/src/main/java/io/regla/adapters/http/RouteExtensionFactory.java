package io.regla.adapters.http;

import java.util.List;

/**
 * How a module plugs routes into {@code regla serve} when they need the running application: {@code serve} loads
 * every implementation listed in {@code META-INF/services/io.regla.adapters.http.RouteExtensionFactory} (public
 * no-arg constructor) and calls {@link #create} once with the store, clock and environment it runs on. A route
 * that needs nothing of that can instead be listed directly as a {@link RouteExtension} provider in
 * {@code META-INF/services/io.regla.adapters.http.RouteExtension} (public no-arg constructor too).
 */
public interface RouteExtensionFactory {

    /**
     * The routes to serve; empty when this extension is not configured here (say, its secret is not in the
     * environment: log why, do not fail the server).
     *
     * @throws IllegalArgumentException if its configuration is present but wrong (the server does not start)
     */
    List<RouteExtension> create(ServeContext context);
}
