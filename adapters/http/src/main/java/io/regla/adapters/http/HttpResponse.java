package io.regla.adapters.http;

import java.util.Map;

/**
 * What a route answers: a status and a body written as JSON (a map, a list, a record), or no body.
 */
public record HttpResponse(int status, Object body) {

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
