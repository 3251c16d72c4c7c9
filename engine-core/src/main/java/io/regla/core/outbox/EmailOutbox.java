package io.regla.core.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.regla.api.Decision;
import io.regla.api.action.SendEmail;
import io.regla.api.spi.Outbox;
import io.regla.api.spi.OutboxEntry;
import io.regla.api.spi.OutgoingEmail;
import io.regla.api.spi.StoreException;
import io.regla.core.facts.Mappers;

import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Persists the {@link SendEmail} actions of decisions in the outbox before anything is sent, keyed by
 * the action's {@code key}: the same e-mail decided twice (a re-run) is stored, and later sent, once.
 */
public final class EmailOutbox {

    /** The outbox channel of e-mails. */
    public static final String CHANNEL = "email";
    static final String PAYLOAD_TYPE = "SendEmail";

    private final Outbox outbox;
    private final Clock clock;
    private final String channel;

    public EmailOutbox(Outbox outbox, Clock clock) {
        this(outbox, clock, CHANNEL);
    }

    public EmailOutbox(Outbox outbox, Clock clock, String channel) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.channel = Objects.requireNonNull(channel, "channel");
    }

    /**
     * What enqueueing did.
     *
     * @param enqueued  new entries
     * @param duplicate actions whose key was already in the outbox (left as they were)
     */
    public record Enqueued(int enqueued, int duplicate) {
    }

    /** Enqueues every {@link SendEmail} of the decision, in order. */
    public Enqueued enqueue(Decision decision) {
        return enqueue(decision.actions(SendEmail.class));
    }

    public Enqueued enqueue(List<SendEmail> emails) {
        int added = 0;
        for (SendEmail email : emails) {
            if (enqueue(email)) {
                added++;
            }
        }
        return new Enqueued(added, emails.size() - added);
    }

    /** @return true if stored, false if an e-mail with this key was already in the outbox */
    public boolean enqueue(SendEmail email) {
        return outbox.enqueue(entry(email));
    }

    /**
     * The outbox entry of an e-mail, due now, without storing it: for a caller that enqueues it in one transaction
     * with its facts ({@link io.regla.api.spi.Store#putAll(List, List)}).
     */
    public OutboxEntry entry(SendEmail email) {
        if (email.key() == null || email.key().isBlank()) {
            throw new IllegalArgumentException("SendEmail " + email.template() + " for " + email.subjectId()
                    + " has no key: the outbox cannot tell it from a duplicate");
        }
        OutgoingEmail outgoing = new OutgoingEmail(email.key(), email.template(), email.to(), email.subjectId(),
                email.mergeFields());
        return OutboxEntry.pending(email.key(), channel, PAYLOAD_TYPE, write(outgoing), clock.instant());
    }

    static String write(OutgoingEmail email) {
        try {
            return Mappers.json().writeValueAsString(email);
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot serialise e-mail " + email.key() + ": " + e.getOriginalMessage(), e);
        }
    }

    static OutgoingEmail read(OutboxEntry entry) {
        if (!PAYLOAD_TYPE.equals(entry.payloadType())) {
            throw new UnreadablePayloadException("outbox entry " + entry.key() + " holds a " + entry.payloadType()
                    + ", not a " + PAYLOAD_TYPE, null);
        }
        try {
            return Mappers.json().readValue(entry.payload(), OutgoingEmail.class);
        } catch (JsonProcessingException e) {
            throw new UnreadablePayloadException("outbox entry " + entry.key() + " does not map back to an e-mail: "
                    + e.getOriginalMessage(), e);
        }
    }
}
