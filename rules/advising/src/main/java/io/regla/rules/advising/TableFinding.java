package io.regla.rules.advising;

/**
 * One thing {@link RouteTableCheck} found, pinned to a row of the table (or line 0: the table as a whole,
 * or a row of another file such as the catalogue, named in {@code file}).
 */
public record TableFinding(Severity severity, String code, String file, int line, String message) {

    public enum Severity { ERROR, WARNING }

    public static TableFinding error(String code, String file, int line, String message) {
        return new TableFinding(Severity.ERROR, code, file, line, message);
    }

    public static TableFinding warning(String code, String file, int line, String message) {
        return new TableFinding(Severity.WARNING, code, file, line, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code faculty-routes.csv:12: ERROR ADVISOR_CONFLICT ...}, the compiler style editors can jump to. */
    @Override
    public String toString() {
        return file + ":" + line + ": " + severity + " " + code + " " + message;
    }
}
