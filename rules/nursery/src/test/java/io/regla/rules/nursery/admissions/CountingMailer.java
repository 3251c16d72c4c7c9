package io.regla.rules.nursery.admissions;

import io.regla.api.spi.Mailer;
import io.regla.api.spi.OutgoingEmail;
import io.regla.api.spi.SendResult;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A provider that keeps what it received, counting deliveries per key: what "sent exactly once" is checked against. */
final class CountingMailer implements Mailer {

    final Map<String, Integer> deliveries = new ConcurrentHashMap<>();
    final Map<String, OutgoingEmail> emails = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "counting";
    }

    @Override
    public boolean idempotent() {
        return false;
    }

    @Override
    public SendResult send(OutgoingEmail email) {
        deliveries.merge(email.key(), 1, Integer::sum);
        emails.put(email.key(), email);
        return new SendResult(SendResult.Status.ACCEPTED, "msg-" + email.key(), "sent");
    }

    @Override
    public Optional<SendResult> lookup(String key) {
        return deliveries.containsKey(key)
                ? Optional.of(new SendResult(SendResult.Status.ACCEPTED, "msg-" + key, "found"))
                : Optional.empty();
    }
}
