package io.regla.core.mutation;

/**
 * A mutant and the text change that makes it: characters {@code [start, end)} of {@code file} become {@code replacement}.
 * {@code referenceData}: the file is a reference-data CSV, so the mutant needs no compile.
 */
record Edit(Mutant mutant, String file, int start, int end, String replacement, boolean referenceData) {

    Edit(Mutant mutant, String file, int start, int end, String replacement) {
        this(mutant, file, start, end, replacement, false);
    }

    String apply(String text) {
        return text.substring(0, start) + replacement + text.substring(end);
    }
}
