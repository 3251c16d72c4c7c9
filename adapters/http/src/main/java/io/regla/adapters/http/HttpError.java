package io.regla.adapters.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An answer other than success, written as {@code {"error": {"status", "code", "message", ...details}}} (the one
 * error shape of every JSON route) or as an error page on page routes.
 */
public class HttpError extends RuntimeException {

    private final int status;
    private final String code;
    private final Map<String, Object> details;

    public HttpError(int status, String code, String message) {
        this(status, code, message, Map.of());
    }

    public HttpError(int status, String code, String message, Map<String, Object> details) {
        super(message);
        this.status = status;
        this.code = code;
        this.details = new LinkedHashMap<>(details);
    }

    public static HttpError unauthorized() {
        return new HttpError(401, "UNAUTHENTICATED", "sign in or send an API token");
    }

    public static HttpError forbidden() {
        return new HttpError(403, "FORBIDDEN", "your role or scope does not cover this resource");
    }

    public static HttpError notFound(String message) {
        return new HttpError(404, "NOT_FOUND", message);
    }

    public static HttpError badRequest(String field, String message) {
        return new HttpError(400, "BAD_REQUEST", message, field == null ? Map.of() : Map.of("field", field));
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Map<String, Object> details() {
        return details;
    }

    /** The JSON body. */
    public Map<String, Object> body() {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("status", status);
        error.put("code", code);
        error.put("message", getMessage());
        error.putAll(details);
        return Map.of("error", error);
    }
}
