package io.regla.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
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
     * Marks a fact or action field (a record component or a bean field) as personal data: a name, an
     * e-mail address, a phone number. The decision log never writes such a value as it is: it writes
     * {@link #mask(Object)} of it, and the facts hash is taken over the masked value.
     * <pre>{@code
     * public record Enrollment(String id, @PersonalData.Field String guardianEmail, ...) { }
     * }</pre>
     */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
    public @interface Field {
    }

    /**
     * The masked form of a personal value: deterministic (the same value always masks alike, so masked
     * records still group and compare) and not reversible (most of the value is gone). An e-mail address
     * keeps its first character and its domain ({@code a***@example.com}); any other text keeps its first
     * character ({@code A***}); any other value becomes {@code ***}. Null stays null.
     */
    public static String mask(Object value) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof CharSequence)) {
            return "***";
        }
        String text = value.toString();
        if (text.isEmpty()) {
            return text;
        }
        return text.indexOf('@') > 0 ? maskEmail(text) : text.charAt(0) + "***";
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
