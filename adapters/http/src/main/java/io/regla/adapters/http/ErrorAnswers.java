package io.regla.adapters.http;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;

import java.util.Map;

/** Writes an {@link HttpError}: JSON on API routes, an error page (or the way to the sign-in page) on page routes. */
final class ErrorAnswers {

    private ErrorAnswers() {
    }

    static HttpError of(HttpResponseException e) {
        int status = e.getStatus();
        String code = switch (status) {
            case 400 -> "BAD_REQUEST";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "FORBIDDEN";
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 408 -> "TIMEOUT";
            case 413 -> "PAYLOAD_TOO_LARGE";
            default -> "HTTP_" + status;
        };
        String message = status == 404 ? "no such route" : e.getMessage();
        return new HttpError(status, code, message);
    }

    static void answer(Context ctx, HttpError e) {
        // a page route answers a client that asks for JSON only as an API route does: the 401 itself, a JSON error
        boolean page = ctx.routeRoles().contains(Routes.Access.PAGE) && !asksForJson(ctx);
        if (page && e.status() == 401) {
            ctx.contentType("text/plain; charset=utf-8");
            ctx.redirect("/login", io.javalin.http.HttpStatus.SEE_OTHER);
            return;
        }
        ctx.status(e.status());
        if (page) {
            Principal user = ctx.attribute(Routes.PRINCIPAL);
            Pages.render(ctx, "error.jte", Map.of("frame", new Pages.Frame("Error", user, java.util.List.of(new Pages.Link("/", "Inicio"))),
                    "status", e.status(), "message", spanish(e)));
            return;
        }
        ctx.json(e.body());
    }

    /**
     * A client that asks for JSON and not for HTML (an API client, a script) gets the 401 itself on a page route too,
     * not a redirect to a sign-in page it cannot use, and errors as JSON; a browser asks for text/html.
     */
    private static boolean asksForJson(Context ctx) {
        String accept = java.util.Optional.ofNullable(ctx.header("Accept")).orElse("").toLowerCase(java.util.Locale.ROOT);
        return accept.contains("application/json") && !accept.contains("text/html");
    }

    private static String spanish(HttpError e) {
        return switch (e.status()) {
            case 403 -> "CSRF".equals(e.code()) ? "El formulario expiró: vuelva a cargar la página e intente otra vez."
                    : "No tiene acceso a este recurso.";
            case 404 -> "No encontramos lo que busca.";
            case 409 -> "Otra persona cambió este registro: vuelva a cargar la página.";
            case 413 -> "La solicitud es demasiado grande.";
            default -> e.status() >= 500 ? "Ocurrió un error interno." : e.getMessage();
        };
    }
}
