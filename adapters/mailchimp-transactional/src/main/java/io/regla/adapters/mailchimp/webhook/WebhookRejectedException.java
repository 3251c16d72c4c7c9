package io.regla.adapters.mailchimp.webhook;

import io.regla.api.ReglaException;

/** A webhook call Regla refuses; the HTTP endpoint answers {@link Reason#BAD_SIGNATURE} with 401 and {@link Reason#MALFORMED} with 400. */
public class WebhookRejectedException extends ReglaException {

    public enum Reason {
        /** Missing or wrong {@code X-Mandrill-Signature}: not from Mandrill, or the key or URL is misconfigured. */
        BAD_SIGNATURE,
        /** Signed, but the payload cannot be read; the message names the event and field. */
        MALFORMED
    }

    private final Reason reason;

    public WebhookRejectedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public WebhookRejectedException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
