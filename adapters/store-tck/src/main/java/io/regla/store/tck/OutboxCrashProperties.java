package io.regla.store.tck;

import io.regla.api.action.SendEmail;
import io.regla.api.spi.OutboxEntry;
import io.regla.api.spi.OutboxStatus;
import io.regla.api.spi.Store;
import io.regla.core.outbox.EmailDispatcher;
import io.regla.core.outbox.OutboxDispatcher;
import io.regla.core.outbox.EmailOutbox;
import io.regla.core.outbox.RetryPolicy;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Crash-and-resume: whatever store call or provider call the process dies at (before or after it took
 * effect), and whatever retryable errors and timeouts the provider throws in, restarting a new
 * dispatcher on the same store until the outbox is drained delivers every e-mail exactly once.
 */
public abstract class OutboxCrashProperties {

    protected abstract Store store();

    @Property(tries = 60)
    void everyMailIsDeliveredExactlyOnceWhereverTheDispatcherDies(
            @ForAll @IntRange(min = 1, max = 8) int mails,
            @ForAll @Size(max = 4) Map<@IntRange(min = 1, max = 30) Integer, RecordingMailer.Fault> providerFaults,
            @ForAll @Size(max = 4) Set<@IntRange(min = 1, max = 80) Integer> storeCrashes,
            @ForAll boolean crashAfterStoreWrite,
            @ForAll boolean idempotentProvider,
            @ForAll @IntRange(min = 1, max = 4) int batchSize,
            @ForAll long seed) {
        Map<Integer, RecordingMailer.Fault> faults = Map.copyOf(providerFaults);
        // a permanent error would rightly fail the mail: this property is about crashes and retries
        faults = faults.entrySet().stream().filter(e -> e.getValue() != RecordingMailer.Fault.INVALID
                        && e.getValue() != RecordingMailer.Fault.INVALID_RECIPIENT)
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        String channel = "crash-" + UUID.randomUUID();
        MutableClock clock = new MutableClock(Instant.parse("2023-02-01T08:00:00Z"));
        RecordingMailer provider = RecordingMailer.scripted(idempotentProvider, faults);
        CrashingOutbox outbox = new CrashingOutbox(store().outbox(), storeCrashes, crashAfterStoreWrite);
        List<SendEmail> decided = IntStream.range(0, mails)
                .mapToObj(i -> new SendEmail("BIENVENIDA", "guardian" + i + "@example.com", "E-" + i,
                        channel + ":BIENVENIDA:E-" + i, Map.of()))
                .toList();

        int crashes = 0;
        // the rule run that decided the mails may itself die while enqueueing: it is simply run again
        for (boolean enqueued = false; !enqueued; ) {
            try {
                new EmailOutbox(outbox, clock, channel).enqueue(decided);
                enqueued = true;
            } catch (SimulatedCrash crash) {
                crashes++;
            }
        }
        Random jitter = new Random(seed);
        for (int restart = 0; restart < 100 && !drained(decided); restart++) {
            OutboxDispatcher dispatcher = EmailDispatcher.builder(outbox, provider).clock(clock).channel(channel)
                    .batchSize(batchSize).lease(Duration.ofMinutes(1)).owner("d" + restart)
                    .retryPolicy(new RetryPolicy(20, Duration.ofSeconds(1), Duration.ofSeconds(30), 0.5, jitter))
                    .build();
            try {
                dispatcher.dispatchDue();
            } catch (SimulatedCrash crash) {
                crashes++;
            }
            clock.advance(Duration.ofSeconds(61)); // past any lease and any backoff
        }

        for (SendEmail mail : decided) {
            OutboxEntry entry = store().outbox().find(mail.key()).orElseThrow();
            assertThat(entry.status()).as("%s after %d crashes", mail.key(), crashes).isEqualTo(OutboxStatus.SENT);
            assertThat(provider.deliveries(mail.key())).as("deliveries of %s after %d crashes", mail.key(), crashes)
                    .isEqualTo(1);
        }
        assertThat(provider.deliveryOrder()).hasSize(mails);
    }

    private boolean drained(List<SendEmail> decided) {
        return decided.stream().allMatch(m -> store().outbox().find(m.key())
                .map(e -> e.status().isFinal()).orElse(false));
    }
}
