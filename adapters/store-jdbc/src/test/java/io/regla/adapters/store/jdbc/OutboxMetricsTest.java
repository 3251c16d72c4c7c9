package io.regla.adapters.store.jdbc;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.regla.api.spi.Outbox;
import io.regla.api.spi.OutboxEntry;
import io.regla.core.metrics.OutboxMetrics;
import io.regla.store.tck.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Outbox depth and age gauges over a real H2 store of their own (so the counts are exact). */
class OutboxMetricsTest {

    @Test
    void depthPerStatusAndAgeOfTheMostOverdueEntryRefreshedAtMostOncePerInterval() {
        Instant t0 = Instant.parse("2026-03-02T12:00:00Z");
        MutableClock clock = new MutableClock(t0);
        try (JdbcStore store = JdbcStore.h2(TestDatabases.tempDir("h2-metrics").resolve("regla"), clock)) {
            Outbox outbox = store.outbox();
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            new OutboxMetrics(outbox, clock, Duration.ofSeconds(10)).bindTo(registry);
            assertThat(depth(registry, "PENDING")).isZero();
            assertThat(registry.get("regla.outbox.age").timeGauge().value(TimeUnit.SECONDS)).isZero();

            outbox.enqueue(OutboxEntry.pending("k1", "email", "SendEmail", "{}", t0));
            outbox.enqueue(OutboxEntry.pending("k2", "email", "SendEmail", "{}", t0.plusSeconds(5)));
            outbox.claim("email", t0, 1, "me", Duration.ofMinutes(1));
            clock.advance(Duration.ofSeconds(9));
            assertThat(depth(registry, "PENDING")).as("within the refresh interval: the last figures").isZero();

            clock.advance(Duration.ofSeconds(1)); // t0 + 10 s
            assertThat(depth(registry, "PENDING")).isEqualTo(1);
            assertThat(depth(registry, "IN_FLIGHT")).isEqualTo(1);
            assertThat(depth(registry, "UNCERTAIN")).isZero();
            // k2 has been due since t0 + 5 s; k1's lease runs to t0 + 60 s
            assertThat(registry.get("regla.outbox.age").timeGauge().value(TimeUnit.SECONDS)).isEqualTo(5);
        }
    }

    private static double depth(SimpleMeterRegistry registry, String status) {
        return registry.get("regla.outbox.depth").tag("status", status).gauge().value();
    }
}
