package io.regla.adapters.http;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One call as a route sees it.
 *
 * @param method  upper-case HTTP method
 * @param uri     the request URI as received (path and query)
 * @param headers header values by name (case-insensitive map)
 * @param body    the raw body (UTF-8), empty if none: signature checks need it unparsed
 */
public record HttpRequest(String method, URI uri, Map<String, List<String>> headers, String body) {

    public HttpRequest {
        Map<String, List<String>> ci = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        ci.putAll(headers);
        headers = ci;
    }

    /** The first value of a header, or null. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** A query parameter (URL-decoded), or null. */
    public String query(String name) {
        String raw = uri.getRawQuery();
        if (raw == null) {
            return null;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), java.nio.charset.StandardCharsets.UTF_8);
            if (key.equals(name)) {
                return eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
