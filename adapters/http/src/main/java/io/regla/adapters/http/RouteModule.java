package io.regla.adapters.http;

/**
 * A set of routes plugged into the {@link WebServer}: a domain's JSON API and pages, a provider's webhook. A module
 * declares every route through {@link Routes}, which makes it say who may call it: the platform checks sign-in,
 * role and CSRF before the handler runs; the module checks the scope (campus) of what it serves, with
 * {@link Principal#covers(String)}.
 */
public interface RouteModule {

    void register(Routes routes);
}
