package io.regla.api.spi;

import io.regla.api.ReglaException;

/** A store could not be read or written (connection lost, schema missing, a value that does not map back). */
public class StoreException extends ReglaException {

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
