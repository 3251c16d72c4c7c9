package io.regla.rules.mailing;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Address checks for the audience rules: what counts as a deliverable address, when two spellings
 * are the same mailbox, and how to mention one without exposing it.
 */
public final class EmailAddresses {

    // local@domain.tld: no spaces, one @, dot-separated domain labels of letters, digits and hyphens,
    // a top-level label of at least two letters. Deliberately simple: the provider does the rest.
    private static final Pattern VALID = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");

    private EmailAddresses() {
    }

    public static boolean isValid(String address) {
        return address != null && address.length() <= 254 && VALID.matcher(address).matches();
    }

    /** The canonical form used in keys and comparisons: trimmed, lower case. */
    public static String normalize(String address) {
        return address == null ? null : address.trim().toLowerCase(Locale.ROOT);
    }

    /** Whether two addresses name the same mailbox (case-insensitively, as providers treat them). */
    public static boolean same(String a, String b) {
        return a != null && b != null && normalize(a).equals(normalize(b));
    }

    /** {@code a***@example.com}: for messages and logs, which must not carry personal data. */
    public static String mask(String address) {
        if (address == null || address.isBlank()) return "(none)";
        int at = address.indexOf('@');
        if (at <= 0) return address.charAt(0) + "***";
        return address.charAt(0) + "***" + address.substring(at);
    }
}
