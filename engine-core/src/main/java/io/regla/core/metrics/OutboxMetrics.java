package io.regla.core.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.regla.api.spi.Outbox;
import io.regla.api.spi.OutboxBacklog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Outbox depth and age as Micrometer gauges, over {@link Outbox#backlog()}:
 * <ul>
 *   <li>{@code regla.outbox.depth} (tag {@code status} = {@code PENDING} | {@code IN_FLIGHT} |
 *       {@code UNCERTAIN}): entries not yet final;</li>
 *   <li>{@code regla.outbox.age} (seconds): how long the most overdue entry has been due, the dispatch lag.</li>
 * </ul>
 * <pre>{@code
 * new OutboxMetrics(store.outbox(), clock).bindTo(registry);
 * }</pre>
 * The backlog is one query for every gauge; it is read at most once per {@code refresh} (default 10 s),
 * however often the registry polls, so a scrape never hammers the store. A failed read keeps the last
 * figures (and is logged).
 */
public final class OutboxMetrics implements MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(OutboxMetrics.class);

    private final Outbox outbox;
    private final Clock clock;
    private final Duration refresh;
    private OutboxBacklog last = OutboxBacklog.EMPTY;
    private Instant readAt;

    public OutboxMetrics(Outbox outbox, Clock clock) {
        this(outbox, clock, Duration.ofSeconds(10));
    }

    public OutboxMetrics(Outbox outbox, Clock clock, Duration refresh) {
        this.outbox = outbox;
        this.clock = clock;
        this.refresh = refresh;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        depth(registry, "PENDING", OutboxBacklog::pending);
        depth(registry, "IN_FLIGHT", OutboxBacklog::inFlight);
        depth(registry, "UNCERTAIN", OutboxBacklog::uncertain);
        TimeGauge.builder("regla.outbox.age", () -> backlog().age(clock.instant()).toMillis(), TimeUnit.MILLISECONDS)
                .description("how long the most overdue outbox entry has been due").register(registry);
    }

    private void depth(MeterRegistry registry, String status, ToDoubleFunction<OutboxBacklog> count) {
        Gauge.builder("regla.outbox.depth", () -> count.applyAsDouble(backlog()))
                .description("outbox entries not yet final").tag("status", status).register(registry);
    }

    /** The backlog, read again when the last read is older than the refresh interval. */
    synchronized OutboxBacklog backlog() {
        Instant now = clock.instant();
        if (readAt == null || !now.isBefore(readAt.plus(refresh))) {
            try {
                last = outbox.backlog();
            } catch (RuntimeException e) {
                log.warn("outbox metrics: reading the backlog failed, keeping the last figures: {}", e.getMessage());
            }
            readAt = now;
        }
        return last;
    }
}
