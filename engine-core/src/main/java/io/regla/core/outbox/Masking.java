package io.regla.core.outbox;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Personal data as logs and outbox records may show it. */
final class Masking {

    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");

    private Masking() {
    }

    /** {@code ana.garcia@example.com} becomes {@code a***@example.com}. */
    static String email(String address) {
        if (address == null || address.isEmpty()) {
            return "<none>";
        }
        int at = address.indexOf('@');
        if (at <= 0) {
            return "***";
        }
        return address.charAt(0) + "***" + address.substring(at);
    }

    /** Masks every e-mail address inside a provider's message (a reject reason may quote the recipient). */
    static String emailsIn(String text) {
        return text == null ? null : EMAIL.matcher(text).replaceAll(m -> Matcher.quoteReplacement(email(m.group())));
    }
}
