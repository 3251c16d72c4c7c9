package io.regla.core.mutation;

/** A mutant and the text change that makes it: characters {@code [start, end)} of {@code file} become {@code replacement}. */
record Edit(Mutant mutant, String file, int start, int end, String replacement) {

    String apply(String text) {
        return text.substring(0, start) + replacement + text.substring(end);
    }
}
