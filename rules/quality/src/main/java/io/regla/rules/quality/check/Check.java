package io.regla.rules.quality.check;

import java.util.List;

/** The built-in check codes, in the order a field is checked (the first failing one is its finding). */
public final class Check {

    public static final String REQUIRED = "REQUIRED";
    public static final String TYPE = "TYPE";
    public static final String PATTERN = "PATTERN";
    public static final String FORMAT = "FORMAT";
    public static final String ENUM = "ENUM";
    public static final String RANGE = "RANGE";
    public static final String DUPLICATE_KEY = "DUPLICATE_KEY";
    public static final String ORPHAN_REFERENCE = "ORPHAN_REFERENCE";

    public static final List<String> BUILT_IN = List.of(REQUIRED, TYPE, PATTERN, FORMAT, ENUM, RANGE, DUPLICATE_KEY,
            ORPHAN_REFERENCE);

    private Check() {
    }

    /** Built-in codes first in their order, then custom codes alphabetically. */
    public static int compare(String a, String b) {
        int ia = BUILT_IN.indexOf(a), ib = BUILT_IN.indexOf(b);
        if (ia >= 0 && ib >= 0) return Integer.compare(ia, ib);
        if (ia >= 0) return -1;
        if (ib >= 0) return 1;
        return a.compareTo(b);
    }
}
