package io.regla.adapters.http;

/**
 * A route another module plugs into the server, such as the HubSpot workflow webhook: it gets every call under
 * {@link #path()} with the raw body and headers (so it can check a signature over them) and answers with a
 * {@link HttpResponse}. Register it with {@link BackOfficeServer.Builder#extension(RouteExtension)}.
 */
public interface RouteExtension {

    /** The path prefix it serves, such as {@code /webhooks/hubspot}; must not clash with the built-in routes. */
    String path();

    /**
     * Handles one call. An {@link IllegalArgumentException} becomes a 400 with its message; anything else a 500
     * without details.
     */
    HttpResponse handle(HttpRequest request);
}
