package io.regla.adapters.http;

import io.javalin.http.Context;
import io.javalin.security.RouteRole;
import io.regla.adapters.http.auth.Accounts;
import io.regla.adapters.http.auth.SignInRoutes;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;

/**
 * Runs before every matched route: open routes pass; every other route needs a principal (an
 * {@code Authorization: Bearer} API token, or the session cookie), one of the route's roles (403 otherwise), and,
 * for a state-changing call from a browser session, the session's CSRF token (403 {@code CSRF} otherwise). A bearer
 * call carries no ambient credential a third-party page could replay, so it needs no CSRF token.
 */
final class AccessGuard {

    private final Accounts accounts;

    AccessGuard(Accounts accounts) {
        this.accounts = accounts;
    }

    void check(Context ctx) {
        Set<RouteRole> roles = ctx.routeRoles();
        // every route declared through Routes carries roles or PUBLIC; only the static webjars (htmx) carry none
        if (roles.isEmpty() || roles.contains(Routes.Access.PUBLIC)) {
            return;
        }
        Principal principal = authenticate(ctx).orElseThrow(HttpError::unauthorized);
        ctx.attribute(Routes.PRINCIPAL, principal);
        boolean allowed = roles.stream().anyMatch(r -> r instanceof Role role && principal.is(role));
        if (!allowed) {
            throw HttpError.forbidden();
        }
        String method = ctx.method().name();
        boolean safe = method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
        if (!safe && principal.viaSession()) {
            String given = ctx.header(Routes.CSRF_HEADER);
            if (given == null && isForm(ctx)) {
                given = ctx.formParam(Routes.CSRF_FIELD);
            }
            if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                    principal.csrf().getBytes(StandardCharsets.UTF_8))) {
                throw new HttpError(403, "CSRF", "missing or wrong CSRF token: reload the page and try again");
            }
        }
    }

    private Optional<Principal> authenticate(Context ctx) {
        String authorization = ctx.header("Authorization");
        if (authorization != null) {
            // a caller that sends credentials gets exactly those checked, never a fallback to the cookie
            return authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                    ? accounts.bearer(authorization.substring(7).trim())
                    : Optional.empty();
        }
        return accounts.session(ctx.cookie(SignInRoutes.SESSION_COOKIE));
    }

    private static boolean isForm(Context ctx) {
        String type = ctx.contentType();
        return type != null && (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data"));
    }
}
