package io.regla.adapters.hubspot;

import io.regla.api.spi.DeliveryException;

import java.time.Duration;

/**
 * A HubSpot call failed. Carries HubSpot's error body ({@code category}, {@code message},
 * {@code correlationId}) so logs and outbox records can quote it to HubSpot support.
 */
public class HubSpotException extends DeliveryException {

    private final int status;
    private final String correlationId;

    public HubSpotException(String message, int status, String category, String correlationId, boolean retryable,
                            Duration retryAfter, boolean uncertain, Throwable cause) {
        super(message, retryable, retryAfter, category, uncertain, cause);
        this.status = status;
        this.correlationId = correlationId;
    }

    /** The HTTP status, or 0 when no answer came. */
    public int status() {
        return status;
    }

    /** HubSpot's {@code category} ({@code VALIDATION_ERROR}, {@code OBJECT_NOT_FOUND}, {@code RATE_LIMIT} ...). */
    public String category() {
        return code();
    }

    public String correlationId() {
        return correlationId;
    }
}
