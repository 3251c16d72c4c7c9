package io.regla.api.spi;

/**
 * An optimistic write lost: the stored version was not the one the caller read (someone else wrote in
 * between), or a fact expected to be new already exists. Re-read and decide again.
 */
public class ConcurrentUpdateException extends StoreException {

    public ConcurrentUpdateException(String message) {
        super(message);
    }

    public ConcurrentUpdateException(String message, Throwable cause) {
        super(message, cause);
    }
}
