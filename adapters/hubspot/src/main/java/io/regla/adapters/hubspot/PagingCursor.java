package io.regla.adapters.hubspot;

import java.nio.charset.StandardCharsets;

/**
 * HubSpot's {@code paging.next.after} as the value of an {@code after=} query parameter, percent-encoded exactly once.
 *
 * <p>The cursor is opaque, and HubSpot returns it in two forms: raw ({@code "NTAx"}, {@code "MC0zLTIwMDE="}) or already
 * URL-encoded ({@code "NTI1Cg%3D%3D"}, whose documented {@code paging.next.link} is {@code "?after=NTI1Cg%3D%3D"}: the
 * value goes into the query as given). Encoding the second form again sends {@code %253D}, a different cursor, and
 * HubSpot answers an empty page or the first one. So an existing {@code %XX} escape is kept, every unreserved character
 * (RFC 3986: letters, digits, {@code - . _ ~}) is kept, and every other character is encoded as UTF-8 bytes
 * ({@code = + /} of a raw base64 cursor become {@code %3D %2B %2F}: a raw {@code +} would reach the server as a space).
 * A cursor never holds a literal {@code %} that is not an escape (base64 and HubSpot's numeric cursors have none).
 */
public final class PagingCursor {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PagingCursor() {
    }

    /** The cursor ready to follow {@code after=} in a query string. */
    public static String queryValue(String after) {
        StringBuilder out = new StringBuilder(after.length() + 8);
        int i = 0;
        while (i < after.length()) {
            char c = after.charAt(i);
            if (c == '%' && i + 2 < after.length() && isHex(after.charAt(i + 1)) && isHex(after.charAt(i + 2))) {
                out.append(after, i, i + 3); // an escape HubSpot made: sent as it gave it
                i += 3;
            } else if (unreserved(c)) {
                out.append(c);
                i++;
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < after.length() ? i + 2 : i + 1;
                for (byte b : after.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                    out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
                }
                i = end;
            }
        }
        return out.toString();
    }

    private static boolean unreserved(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~';
    }

    private static boolean isHex(char c) {
        return c >= '0' && c <= '9' || c >= 'A' && c <= 'F' || c >= 'a' && c <= 'f';
    }
}
