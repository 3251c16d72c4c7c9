package io.regla.api.spi;

import io.regla.api.ReglaException;

import java.time.Duration;

/**
 * A provider call failed.
 *
 * @see #retryable() 429s, 5xx and network errors are retryable; other 4xx are permanent
 */
public class DeliveryException extends ReglaException {

    private final boolean retryable;
    private final Duration retryAfter;
    private final String code;
    private final boolean uncertain;

    /**
     * @param retryable  whether the same call may succeed later
     * @param retryAfter what the provider asked to wait, or null
     * @param code       the provider's error code or category ({@code ValidationError}, {@code RATE_LIMIT})
     * @param uncertain  whether the provider may have acted although the call failed (a timeout after sending)
     */
    public DeliveryException(String message, boolean retryable, Duration retryAfter, String code, boolean uncertain, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
        this.retryAfter = retryAfter;
        this.code = code;
        this.uncertain = uncertain;
    }

    public static DeliveryException permanent(String code, String message) {
        return new DeliveryException(message, false, null, code, false, null);
    }

    public static DeliveryException retryable(String code, String message, Duration retryAfter) {
        return new DeliveryException(message, true, retryAfter, code, false, null);
    }

    public boolean retryable() {
        return retryable;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    public String code() {
        return code;
    }

    public boolean uncertain() {
        return uncertain;
    }
}
