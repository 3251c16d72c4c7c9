package io.regla.core.compile.strict;

/** A helper a host allows strict rule sets to call (test). */
public final class Adulthood {

    private Adulthood() {
    }

    public static boolean isAdult(int age) {
        return age >= 18;
    }
}
