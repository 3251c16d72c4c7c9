package io.regla.rules.nursery.admissions;

import io.regla.api.spi.FactStore;
import io.regla.api.spi.Mailer;
import io.regla.api.spi.Outbox;
import io.regla.api.spi.OutboxEntry;
import io.regla.api.spi.OutgoingEmail;
import io.regla.api.spi.SendResult;
import io.regla.core.facts.Json;
import io.regla.rules.mailing.EmailSent;

import java.io.IOException;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * Wraps the real mailer so that every e-mail the provider accepted becomes an {@link EmailSent} fact, the history
 * the mailing rules read. Recorded right after the provider accepted it, before the dispatcher marks the outbox
 * entry sent; a crash in between leaves the entry to be reconciled by the next dispatcher, which finds it
 * accepted (send of an idempotent provider, or {@link #lookup}) and records again, which changes nothing (one
 * fact per key).
 */
public final class SentRecordingMailer implements Mailer {

    private final Mailer delegate;
    private final NurseryRecords records;
    private final Outbox outbox;
    private final Clock clock;

    public SentRecordingMailer(Mailer delegate, FactStore facts, Outbox outbox, Clock clock) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.records = new NurseryRecords(facts);
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public boolean idempotent() {
        return delegate.idempotent();
    }

    @Override
    public SendResult send(OutgoingEmail email) {
        SendResult result = delegate.send(email);
        if (result.accepted()) {
            record(email);
        }
        return result;
    }

    @Override
    public Optional<SendResult> lookup(String key) {
        Optional<SendResult> known = delegate.lookup(key);
        if (known.isPresent() && known.get().accepted()) {
            outbox.find(key).map(SentRecordingMailer::email).ifPresent(this::record);
        }
        return known;
    }

    private void record(OutgoingEmail email) {
        records.recordSent(new EmailSent(email.subjectId(), email.template(), email.to(), clock.instant(), email.key()));
    }

    private static OutgoingEmail email(OutboxEntry entry) {
        try {
            return Json.JSON.readValue(entry.payload(), OutgoingEmail.class);
        } catch (IOException e) {
            throw new IllegalStateException("outbox entry " + entry.key() + " does not map back to an e-mail: " + e.getMessage(), e);
        }
    }
}
