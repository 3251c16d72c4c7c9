package io.regla.adapters.http.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import io.regla.adapters.http.HttpError;
import io.regla.adapters.http.Pages;
import io.regla.adapters.http.Principal;
import io.regla.adapters.http.Role;
import io.regla.adapters.http.RouteModule;
import io.regla.adapters.http.Routes;
import io.regla.adapters.http.WebServer;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * {@code GET /login} (the page), {@code POST /login} with JSON {@code {"username","password"}} or a form: 200 and the
 * session cookie ({@code HttpOnly}, {@code SameSite=Lax}; a browser's form post is sent on with 303), 401 otherwise;
 * {@code POST /logout}; {@code GET /me} (who, role, scope and the session's CSRF token).
 */
public final class SignInRoutes implements RouteModule {

    public static final String SESSION_COOKIE = "regla_session";

    private final Accounts accounts;
    private final boolean secureCookies;
    private Routes routes;

    public SignInRoutes(Accounts accounts, boolean secureCookies) {
        this.accounts = accounts;
        this.secureCookies = secureCookies;
    }

    @Override
    public void register(Routes routes) {
        this.routes = routes;   // homes are named by the modules registered after this one: read at sign-in
        Role[] anyone = accounts.roles().all().toArray(Role[]::new);
        routes.open(HandlerType.GET, "/login", ctx -> loginPage(ctx, null));
        routes.open(HandlerType.POST, "/login", this::login);
        routes.post("/logout", this::logout, anyone);
        routes.get("/me", ctx -> ctx.json(me(Routes.principal(ctx))), anyone);
    }

    private void loginPage(Context ctx, String error) {
        Pages.render(ctx, "login.jte", Map.of("frame", new Pages.Frame("Ingresar", null, List.of()),
                "error", error == null ? "" : error));
    }

    private void login(Context ctx) throws IOException {
        boolean json = ctx.contentType() != null && ctx.contentType().startsWith("application/json");
        String username;
        String password;
        if (json) {
            JsonNode body;
            try {
                body = WebServer.JSON.readTree(ctx.body());
            } catch (IOException e) {
                throw HttpError.badRequest(null, "the body is not valid JSON");
            }
            username = body == null || !body.path("username").isTextual() ? null : body.get("username").asText();
            password = body == null || !body.path("password").isTextual() ? null : body.get("password").asText();
        } else {
            username = ctx.formParam("username");
            password = ctx.formParam("password");
        }
        Optional<Principal> user = accounts.signIn(username, password);
        boolean browser = !json && Optional.ofNullable(ctx.header("Accept")).orElse("").contains("text/html");
        if (user.isEmpty()) {
            if (browser) {
                ctx.status(401);
                loginPage(ctx, "Usuario o contraseña incorrectos (tras " + Accounts.MAX_FAILURES
                        + " intentos fallidos la cuenta se bloquea " + Accounts.LOCK_OUT.toMinutes() + " minutos).");
                return;
            }
            throw new HttpError(401, "BAD_CREDENTIALS", "wrong username or password, or the account is locked for a while");
        }
        accounts.closeSession(ctx.cookie(SESSION_COOKIE));   // a new id at every sign-in: no session fixation
        String session = accounts.openSession(user.get());
        Cookie cookie = new Cookie(SESSION_COOKIE, session, "/", (int) Accounts.SESSION_LENGTH.toSeconds(), secureCookies,
                true, null, SameSite.LAX);
        ctx.cookie(cookie);
        if (browser) {
            ctx.redirect(routes.homeOf(user.get().role()), HttpStatus.SEE_OTHER);
            return;
        }
        Principal signedIn = accounts.session(session).orElseThrow();
        ctx.json(me(signedIn));
    }

    private void logout(Context ctx) {
        accounts.closeSession(ctx.cookie(SESSION_COOKIE));
        ctx.cookie(new Cookie(SESSION_COOKIE, "", "/", 0, secureCookies, true, null, SameSite.LAX));
        if (Optional.ofNullable(ctx.header("Accept")).orElse("").contains("text/html")) {
            ctx.redirect("/login", HttpStatus.SEE_OTHER);
        } else {
            ctx.json(Map.of("signedOut", true));
        }
    }

    private static Map<String, Object> me(Principal p) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", p.name());
        body.put("role", p.role().name());
        body.put("scope", new TreeSet<>(p.scope()));
        if (p.csrf() != null) {
            body.put("csrfToken", p.csrf());
        }
        return body;
    }
}
