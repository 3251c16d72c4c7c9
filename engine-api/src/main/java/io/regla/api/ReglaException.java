package io.regla.api;

/** Base of every exception the engine throws; never wraps a Drools type in its signature. */
public class ReglaException extends RuntimeException {

    public ReglaException(String message) {
        super(message);
    }

    public ReglaException(String message, Throwable cause) {
        super(message, cause);
    }
}
