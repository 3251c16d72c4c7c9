package io.regla.adapters.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.security.RouteRole;


/**
 * How a {@link RouteModule} declares its routes: every route says who may call it, so that no route is
 * reachable by accident. API routes answer JSON (401 without credentials, 403 for another role); page routes
 * send an unsigned-in browser to the sign-in page; webhooks are public, their signature is their authentication
 * (the module answers 401 itself when it fails). State-changing calls from a browser session carry the CSRF token
 * ({@value #CSRF_HEADER} header or the {@value #CSRF_FIELD} form field), checked before the handler runs.
 */
public final class Routes {

    public static final String CSRF_HEADER = "X-CSRF-Token";
    public static final String CSRF_FIELD = "_csrf";
    static final String PRINCIPAL = "regla.principal";

    /** Markers on a route besides its roles. */
    enum Access implements RouteRole { PUBLIC, PAGE }

    private final RoutesConfig config;
    private final java.util.Map<String, String> homes = new java.util.concurrent.ConcurrentHashMap<>();

    Routes(RoutesConfig config) {
        this.config = config;
    }

    /**
     * Where a browser goes after signing in with one of these roles (default {@code /}): a module whose roles have
     * no page at {@code /} (the service dashboard's) names its own start page.
     */
    public Routes home(String path, Role... roles) {
        required(path, roles);
        for (Role role : roles) {
            String known = homes.putIfAbsent(role.toString(), path);
            if (known != null && !known.equals(path)) {
                throw new IllegalArgumentException("role " + role + " has two home pages: " + known + " and " + path);
            }
        }
        return this;
    }

    /** The start page of a role ({@code /} unless a module named one). */
    public String homeOf(Role role) {
        return homes.getOrDefault(role.name(), "/");
    }

    /** A JSON read for these roles. */
    public Routes get(String path, Handler handler, Role... roles) {
        config.get(path, handler, required(path, roles));
        return this;
    }

    /** A JSON command for these roles (CSRF-checked for browser sessions). */
    public Routes post(String path, Handler handler, Role... roles) {
        config.post(path, handler, required(path, roles));
        return this;
    }

    /** An HTML page for these roles. */
    public Routes page(String path, Handler handler, Role... roles) {
        config.get(path, handler, withPage(required(path, roles)));
        return this;
    }

    /** A form post from a page, for these roles (CSRF-checked). */
    public Routes form(String path, Handler handler, Role... roles) {
        config.post(path, handler, withPage(required(path, roles)));
        return this;
    }

    /** A route anyone may call: a webhook that checks its own signature, the sign-in page, the health check. */
    public Routes open(HandlerType method, String path, Handler handler) {
        config.addHttpHandler(method, path, handler, Access.PUBLIC);
        return this;
    }

    /** The caller of a signed-in route (never null there: the platform answered 401 otherwise). */
    public static Principal principal(Context ctx) {
        Principal p = ctx.attribute(PRINCIPAL);
        if (p == null) {
            throw HttpError.unauthorized();
        }
        return p;
    }

    private static RouteRole[] required(String path, Role... roles) {
        if (roles == null || roles.length == 0) {
            throw new IllegalArgumentException("route " + path + " names no role: say who may call it (or make it open)");
        }
        RouteRole[] out = new RouteRole[roles.length];
        System.arraycopy(roles, 0, out, 0, roles.length);
        return out;
    }

    private static RouteRole[] withPage(RouteRole[] roles) {
        RouteRole[] out = new RouteRole[roles.length + 1];   // not Arrays.copyOf: roles may be a Role[] at run time
        System.arraycopy(roles, 0, out, 0, roles.length);
        out[roles.length] = Access.PAGE;
        return out;
    }
}
