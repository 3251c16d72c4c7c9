package io.regla.api;

/**
 * One error from compiling a rule set version, positioned for an analyst's editor.
 *
 * @param file    the file, relative to the rule set version's folder (for example {@code welcome.drl})
 * @param line    1-based line, 0 when the compiler gave none
 * @param column  1-based column, 0 when the compiler gave none
 * @param message the compiler's message
 */
public record CompileError(String file, int line, int column, String message) {

    /** {@code file:line:col: message}, the format editors and CI logs understand. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + message;
    }
}
