package io.regla.api;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks personal data before it reaches a log line or an exception message: logs are kept longer and
 * read by more people than the store, so they never carry a full e-mail address.
 */
public final class PersonalData {

    private static final Pattern EMAIL = Pattern.compile("([A-Za-z0-9._%+\\-]+)@([A-Za-z0-9.\\-]+\\.[A-Za-z]{2,})");

    private PersonalData() {
    }

    /**
     * {@code ana.garcia@example.com} becomes {@code a***@example.com}: the domain stays (it explains most
     * delivery problems), the local part keeps only its first character. Null stays null; a value without
     * {@code @} is masked whole.
     */
    public static String maskEmail(String email) {
        if (email == null) {
            return null;
        }
        int at = email.lastIndexOf('@');
        if (at <= 0) {
            return email.isEmpty() ? email : email.charAt(0) + "***";
        }
        return email.charAt(0) + "***" + email.substring(at);
    }

    /** Masks every e-mail address inside a free text, such as a provider's error message. */
    public static String maskEmailsIn(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = EMAIL.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(maskEmail(m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }
}
