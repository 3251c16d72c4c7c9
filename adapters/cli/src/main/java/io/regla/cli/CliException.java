package io.regla.cli;

/** A user error the CLI reports as one line (exit code 2), without a stack trace. */
public class CliException extends RuntimeException {
    public CliException(String message) {
        super(message);
    }
}
