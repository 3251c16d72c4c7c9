package io.regla.adapters.eml;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** The bits of RFC 5322 / MIME (RFC 2045, 2047) the {@code .eml} writer needs: safe header values and quoted-printable. */
final class Rfc822 {

    static final String CRLF = "\r\n";
    /** Bytes of text per encoded word, so each {@code =?UTF-8?B?...?=} stays within the 75-character limit. */
    private static final int ENCODED_WORD_BYTES = 45;

    private Rfc822() {
    }

    /**
     * A header value as is when it is plain printable ASCII; otherwise as RFC 2047 encoded words, folded one per
     * line. Encoding also neutralises CR and LF, so no value can inject a header.
     */
    static String headerValue(String value) {
        if (value.chars().allMatch(c -> c >= 0x20 && c < 0x7f) && value.length() <= 900 && !value.contains("=?")) {
            return value;
        }
        List<String> words = new ArrayList<>();
        StringBuilder chunk = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            String ch = new String(Character.toChars(cp));
            int size = ch.getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > ENCODED_WORD_BYTES) {
                words.add(encodedWord(chunk.toString()));
                chunk.setLength(0);
                bytes = 0;
            }
            chunk.append(ch);
            bytes += size;
            i += Character.charCount(cp);
        }
        if (chunk.length() > 0 || words.isEmpty()) {
            words.add(encodedWord(chunk.toString()));
        }
        return String.join(CRLF + " ", words);
    }

    private static String encodedWord(String text) {
        return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "?=";
    }

    /** Quoted-printable (RFC 2045 §6.7) of UTF-8 text; line breaks become CRLF, lines are soft-wrapped at 76. */
    static String quotedPrintable(String text) {
        StringBuilder out = new StringBuilder();
        String[] lines = text.split("\r\n|\r|\n", -1);
        for (int l = 0; l < lines.length; l++) {
            if (l > 0) {
                out.append(CRLF);
            }
            byte[] bytes = lines[l].getBytes(StandardCharsets.UTF_8);
            int column = 0;
            for (int i = 0; i < bytes.length; i++) {
                int b = bytes[i] & 0xff;
                boolean last = i == bytes.length - 1;
                boolean literal = (b >= 33 && b <= 126 && b != '=') || ((b == ' ' || b == '\t') && !last);
                String token = literal ? String.valueOf((char) b) : String.format("=%02X", b);
                if (column + token.length() > 75) {
                    out.append('=').append(CRLF);
                    column = 0;
                }
                out.append(token);
                column += token.length();
            }
        }
        return out.toString();
    }
}
