package io.regla.rules.loyalty.migration;

/** The export cannot be read at all (a missing file, a wrong header, an I/O error): nothing is migrated. */
public final class UnreadableExportException extends RuntimeException {
    public UnreadableExportException(String message, Throwable cause) {
        super(message, cause);
    }
}
