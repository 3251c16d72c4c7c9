package io.regla.core.outbox;

import io.regla.api.spi.Mailer;
import io.regla.api.spi.Outbox;
import io.regla.api.spi.OutboxEntry;
import io.regla.api.spi.SendResult;

import java.util.Optional;

/**
 * The outbox dispatcher of e-mails: entries {@link EmailOutbox} enqueued, sent through a {@link Mailer}.
 *
 * <pre>{@code
 * EmailDispatcher.builder(store.outbox(), mailer).clock(clock).build().dispatchDue();
 * }</pre>
 */
public final class EmailDispatcher {

    private EmailDispatcher() {
    }

    /** A dispatcher of channel {@value EmailOutbox#CHANNEL} (change it with {@code .channel(...)}). */
    public static OutboxDispatcher.Builder builder(Outbox outbox, Mailer mailer) {
        return OutboxDispatcher.builder(outbox, EmailOutbox.CHANNEL, new MailerHandler(mailer));
    }

    /** Reads the e-mail back from the entry and hands it to the mailer. */
    private record MailerHandler(Mailer mailer) implements OutboxHandler {

        @Override
        public String name() {
            return mailer.name();
        }

        @Override
        public boolean idempotent() {
            return mailer.idempotent();
        }

        @Override
        public SendResult deliver(OutboxEntry entry) {
            return mailer.send(EmailOutbox.read(entry));
        }

        @Override
        public Optional<SendResult> lookup(String key) {
            return mailer.lookup(key);
        }
    }
}
