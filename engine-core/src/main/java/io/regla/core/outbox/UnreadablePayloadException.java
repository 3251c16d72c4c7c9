package io.regla.core.outbox;

import io.regla.api.ReglaException;

/** An outbox entry's payload does not map back to the action its handler expects: it fails for good. */
public class UnreadablePayloadException extends ReglaException {

    public UnreadablePayloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
