package io.regla.rules.advising;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Faculty names as people type them: "Jurisprudencia", "JURISPRUDENCIA " and "jurisprudéncia" are one
 * faculty. DRL calls these static functions so rules and the table check agree on what "same" means.
 */
public final class Faculties {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private Faculties() {
    }

    /**
     * The comparison key: accents dropped, upper case, surrounding spaces removed and inner runs of
     * spaces collapsed to one. Null becomes the empty string.
     */
    public static String key(String faculty) {
        if (faculty == null) return "";
        String decomposed = Normalizer.normalize(faculty, Normalizer.Form.NFD);
        String plain = MARKS.matcher(decomposed).replaceAll("");
        return SPACES.matcher(plain.strip()).replaceAll(" ").toUpperCase(Locale.ROOT);
    }

    public static boolean same(String a, String b) {
        String ka = key(a);
        return !ka.isEmpty() && ka.equals(key(b));
    }

    /** E-mail equality as CRMs apply it: case-insensitive, surrounding spaces ignored. */
    public static boolean sameEmail(String a, String b) {
        if (a == null || b == null) return false;
        String sa = a.strip();
        return !sa.isEmpty() && sa.equalsIgnoreCase(b.strip());
    }

    public static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
