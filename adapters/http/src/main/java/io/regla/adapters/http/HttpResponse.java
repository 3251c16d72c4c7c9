package io.regla.adapters.http;

import java.util.Map;

/**
 * What a route answers: a status, a body written as JSON (a map, a list, a record) or no body, and extra response
 * headers (such as {@code Retry-After}).
 */
public record HttpResponse(int status, Object body, Map<String, String> headers) {

    public HttpResponse {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public HttpResponse(int status, Object body) {
        this(status, body, Map.of());
    }

    /** This response with one more header. */
    public HttpResponse withHeader(String name, String value) {
        Map<String, String> all = new java.util.LinkedHashMap<>(headers);
        all.put(name, value);
        return new HttpResponse(status, body, all);
    }

    public static HttpResponse ok(Object body) {
        return new HttpResponse(200, body);
    }

    /** {@code {"error": message}} plus extra fields (such as {@code field} or {@code code}). */
    public static HttpResponse error(int status, String message, Object... extraNamesAndValues) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("error", message);
        for (int i = 0; i + 1 < extraNamesAndValues.length; i += 2) {
            if (extraNamesAndValues[i + 1] != null) {
                body.put(String.valueOf(extraNamesAndValues[i]), extraNamesAndValues[i + 1]);
            }
        }
        return new HttpResponse(status, body);
    }
}
