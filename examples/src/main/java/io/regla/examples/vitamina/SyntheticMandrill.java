package io.regla.examples.vitamina;

import io.regla.adapters.mailchimp.webhook.MandrillEvent;
import io.regla.adapters.mailchimp.metrics.DeliveryEventLog;
import io.regla.api.spi.Mailer;
import io.regla.api.spi.OutgoingEmail;
import io.regla.api.spi.SendResult;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Wraps the embedded mailer and, for each e-mail it accepts, records Mandrill-like events the way the webhook
 * would: {@code send}, then perhaps a {@code hard_bounce}, {@code open}s and {@code click}s hours later, drawn from
 * per-template rates. Draws are seeded by the outbox key, so a mail sent again after a crash yields the same
 * events (and the event log keeps them once).
 */
final class SyntheticMandrill implements Mailer {

    /** Chance of an open, and of a click once opened, per template (the welcome mail is read most). */
    private static final Map<String, double[]> RATES = Map.of(
            "BIENVENIDA", new double[]{0.68, 0.35},
            "RECORDATORIO_ADAPTACION", new double[]{0.57, 0.22},
            "ENCUESTA_ADAPTACION", new double[]{0.41, 0.48});
    private static final double BOUNCE = 0.02;

    private final Mailer delegate;
    private final DeliveryEventLog events;
    private final Clock clock;
    private final long seed;

    SyntheticMandrill(Mailer delegate, DeliveryEventLog events, Clock clock, long seed) {
        this.delegate = delegate;
        this.events = events;
        this.clock = clock;
        this.seed = seed;
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
            events.record(eventsFor(email, result.providerId() == null ? email.key() : result.providerId()));
        }
        return result;
    }

    @Override
    public Optional<SendResult> lookup(String key) {
        return delegate.lookup(key);
    }

    private List<MandrillEvent> eventsFor(OutgoingEmail email, String messageId) {
        Random r = new Random(seed ^ email.key().hashCode());
        Instant sent = clock.instant();
        Map<String, String> metadata = Map.of("regla_key", email.key(), "regla_template", email.template());
        List<MandrillEvent> out = new ArrayList<>();
        out.add(event(MandrillEvent.SEND, sent, messageId, email, metadata, null));
        if (r.nextDouble() < BOUNCE) {
            out.add(event(MandrillEvent.HARD_BOUNCE, sent.plusSeconds(60), messageId, email, metadata, null));
            return out;
        }
        double[] rates = RATES.getOrDefault(email.template(), new double[]{0.5, 0.2});
        if (r.nextDouble() < rates[0]) {
            Instant opened = sent.plusSeconds(600 + r.nextInt(36 * 3600));
            out.add(event(MandrillEvent.OPEN, opened, messageId, email, metadata, null));
            if (r.nextBoolean()) {
                out.add(event(MandrillEvent.OPEN, opened.plusSeconds(3600 + r.nextInt(48 * 3600)), messageId, email, metadata, null));
            }
            if (r.nextDouble() < rates[1]) {
                out.add(event(MandrillEvent.CLICK, opened.plusSeconds(5 + r.nextInt(300)), messageId, email, metadata,
                        "https://vitamina.example/" + email.template().toLowerCase()));
            }
        }
        return out;
    }

    private static MandrillEvent event(String kind, Instant ts, String messageId, OutgoingEmail email,
                                       Map<String, String> metadata, String url) {
        return new MandrillEvent(kind, ts, messageId, email.to(), email.template(), List.of(email.template()), email.key(),
                email.subjectId(), url, metadata);
    }
}
