package io.regla.store.tck;

import io.regla.api.Decision;
import io.regla.api.Trace;
import io.regla.api.Version;
import io.regla.api.action.Alert;
import io.regla.api.action.SendEmail;
import io.regla.api.spi.Outbox;
import io.regla.api.spi.OutboxEntry;
import io.regla.api.spi.OutboxStatus;
import io.regla.api.spi.SendResult;
import io.regla.api.spi.Store;
import io.regla.core.outbox.DispatchReport;
import io.regla.core.outbox.EmailDispatcher;
import io.regla.core.outbox.OutboxDispatcher;
import io.regla.core.outbox.OutboxHandler;
import io.regla.core.outbox.EmailOutbox;
import io.regla.core.outbox.RetryPolicy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.stream.IntStream;

import static io.regla.store.tck.RecordingMailer.Fault.CRASH_AFTER;
import static io.regla.store.tck.RecordingMailer.Fault.INVALID;
import static io.regla.store.tck.RecordingMailer.Fault.RATE_LIMITED;
import static io.regla.store.tck.RecordingMailer.Fault.TIMEOUT_AFTER;
import static io.regla.store.tck.RecordingMailer.Fault.UNAVAILABLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The outbox dispatcher on a real store: retries, backoff, permanent failures, reconciliation. */
public abstract class DispatcherContract {

    protected abstract Store store();

    private final MutableClock clock = new MutableClock(Instant.parse("2023-02-01T08:00:00Z"));
    private String channel;
    private EmailOutbox emails;

    @BeforeEach
    void newChannel() {
        channel = "mail-" + UUID.randomUUID();
        emails = new EmailOutbox(store().outbox(), clock, channel);
    }

    private SendEmail mail(String key) {
        return new SendEmail("BIENVENIDA", "ana.garcia@example.com", "E-" + key, channel + ":" + key,
                Map.of("nombre", "Ana"));
    }

    private OutboxDispatcher dispatcher(RecordingMailer mailer, int maxAttempts) {
        return EmailDispatcher.builder(store().outbox(), mailer).clock(clock).channel(channel)
                .lease(Duration.ofMinutes(2)).owner("d-" + UUID.randomUUID())
                .retryPolicy(new RetryPolicy(maxAttempts, Duration.ofSeconds(1), Duration.ofMinutes(1), 0, new Random(1)))
                .build();
    }

    private OutboxEntry stored(String key) {
        return store().outbox().find(channel + ":" + key).orElseThrow();
    }

    @Test
    void enqueuedMailIsSentOnceAndReEnqueueingItChangesNothing() {
        assertThat(emails.enqueue(List.of(mail("a"), mail("b"), mail("a")))).isEqualTo(new EmailOutbox.Enqueued(2, 1));
        RecordingMailer mailer = RecordingMailer.reliable(false);
        DispatchReport report = dispatcher(mailer, 5).dispatchDue();
        assertThat(report.sent()).isEqualTo(2);
        assertThat(emails.enqueue(List.of(mail("a")))).isEqualTo(new EmailOutbox.Enqueued(0, 1));
        assertThat(dispatcher(mailer, 5).dispatchDue()).isEqualTo(DispatchReport.EMPTY);
        assertThat(mailer.deliveries(channel + ":a")).isEqualTo(1);
        assertThat(mailer.delivered(channel + ":a").get(0).mergeFields()).containsEntry("nombre", "Ana");
        assertThat(stored("a").status()).isEqualTo(OutboxStatus.SENT);
        assertThat(stored("a").providerId()).startsWith("msg-");
    }

    @Test
    void enqueuesOnlyTheSendEmailActionsOfADecision() {
        Decision decision = new Decision("mailing", Version.parse("1.0.0"), clock.instant(),
                List.of(mail("a"), new Alert("AUDIENCIA_INVALIDA", "E-b", "no es un correo"), mail("c")),
                List.of(), Trace.DISABLED);
        assertThat(emails.enqueue(decision)).isEqualTo(new EmailOutbox.Enqueued(2, 0));
        assertThat(emails.enqueue(decision)).isEqualTo(new EmailOutbox.Enqueued(0, 2));
        OutboxEntry entry = stored("c");
        assertThat(entry.channel()).isEqualTo(channel);
        assertThat(entry.payloadType()).isEqualTo("SendEmail");
        assertThat(entry.status()).isEqualTo(OutboxStatus.PENDING);
        assertThat(entry.dueAt()).isEqualTo(clock.instant());
    }

    @Test
    void aPayloadThatDoesNotMapBackFailsForGood() {
        store().outbox().enqueue(OutboxEntry.pending(channel + ":bad", channel, "SendEmail", "{\"key\": 42, \"oops\": true}",
                clock.instant()));
        RecordingMailer mailer = RecordingMailer.reliable(false);
        assertThat(dispatcher(mailer, 5).dispatchDue().failed()).isEqualTo(1);
        assertThat(stored("bad").status()).isEqualTo(OutboxStatus.FAILED);
        assertThat(stored("bad").lastError()).startsWith("UNREADABLE");
        assertThat(mailer.sendCalls()).isZero();
    }

    @Test
    void anyActionTypeGoesThroughItsOwnChannelAndHandler() {
        String crm = channel + "-crm";
        store().outbox().enqueue(OutboxEntry.pending(crm + ":owner:D-1", crm, "AssignOwner",
                "{\"objectType\":\"DEAL\",\"objectId\":\"D-1\",\"ownerId\":\"42\"}", clock.instant()));
        emails.enqueue(mail("a"));
        List<String> delivered = new ArrayList<>();
        OutboxHandler owners = new OutboxHandler() {
            @Override
            public String name() {
                return "crm";
            }

            @Override
            public boolean idempotent() {
                return true; // setting an owner twice is setting it once
            }

            @Override
            public SendResult deliver(OutboxEntry entry) {
                delivered.add(entry.payloadType() + " " + entry.payload());
                return new SendResult(SendResult.Status.ACCEPTED, "task-1", null);
            }

            @Override
            public Optional<SendResult> lookup(String key) {
                return Optional.empty();
            }
        };
        DispatchReport report = OutboxDispatcher.builder(store().outbox(), crm, owners).clock(clock).build().dispatchDue();
        assertThat(report.sent()).isEqualTo(1);
        assertThat(delivered).containsExactly("AssignOwner {\"objectType\":\"DEAL\",\"objectId\":\"D-1\",\"ownerId\":\"42\"}");
        assertThat(store().outbox().find(crm + ":owner:D-1").orElseThrow().providerId()).isEqualTo("task-1");
        assertThat(stored("a").status()).as("the e-mail channel is not the CRM dispatcher's").isEqualTo(OutboxStatus.PENDING);
    }

    @Test
    void aMailWithoutKeyIsRefused() {
        assertThatThrownBy(() -> emails.enqueue(new SendEmail("BIENVENIDA", "a@example.com", "E-1", " ", Map.of())))
                .hasMessageContaining("no key").hasMessageContaining("E-1");
    }

    @Test
    void retryableErrorsBackOffExponentiallyAndHonourRetryAfter() {
        emails.enqueue(mail("a"));
        RecordingMailer mailer = RecordingMailer.scripted(false, Map.of(1, UNAVAILABLE, 2, UNAVAILABLE, 3, RATE_LIMITED));
        Instant start = clock.instant();

        dispatcher(mailer, 5).dispatchDue();
        assertThat(stored("a").dueAt()).isEqualTo(start.plusSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        dispatcher(mailer, 5).dispatchDue();
        assertThat(stored("a").dueAt()).isEqualTo(start.plusSeconds(1 + 2));
        clock.advance(Duration.ofSeconds(2));
        dispatcher(mailer, 5).dispatchDue();
        // backoff says 4 s, the provider's Retry-After says 20 s: the longer wins
        OutboxEntry limited = stored("a");
        assertThat(limited.dueAt()).isEqualTo(start.plusSeconds(3 + 20));
        assertThat(limited.attempts()).isEqualTo(3);
        assertThat(limited.status()).isEqualTo(OutboxStatus.PENDING);
        assertThat(limited.lastError()).startsWith("429");

        clock.advance(Duration.ofSeconds(19));
        assertThat(dispatcher(mailer, 5).dispatchDue()).isEqualTo(DispatchReport.EMPTY);
        clock.advance(Duration.ofSeconds(1));
        assertThat(dispatcher(mailer, 5).dispatchDue().sent()).isEqualTo(1);
        assertThat(mailer.deliveries(channel + ":a")).isEqualTo(1);
    }

    @Test
    void jitterStaysWithinItsFractionAndIsReproducibleFromTheSeed() {
        RetryPolicy a = new RetryPolicy(5, Duration.ofSeconds(10), Duration.ofMinutes(10), 0.5, new Random(42));
        RetryPolicy b = new RetryPolicy(5, Duration.ofSeconds(10), Duration.ofMinutes(10), 0.5, new Random(42));
        for (int attempt = 1; attempt <= 8; attempt++) {
            Duration d = a.delay(attempt, null);
            long base = Math.min(600_000, 10_000L << (attempt - 1));
            assertThat(d.toMillis()).isBetween(base, base + base / 2);
            assertThat(b.delay(attempt, null)).isEqualTo(d);
        }
    }

    @Test
    void permanentErrorsStopAtOnce() {
        emails.enqueue(mail("a"));
        RecordingMailer mailer = RecordingMailer.scripted(false, Map.of(1, INVALID));
        assertThat(dispatcher(mailer, 5).dispatchDue().failed()).isEqualTo(1);
        OutboxEntry failed = stored("a");
        assertThat(failed.status()).isEqualTo(OutboxStatus.FAILED);
        assertThat(failed.lastError()).startsWith("ValidationError");
        clock.advance(Duration.ofDays(1));
        assertThat(dispatcher(mailer, 5).dispatchDue()).isEqualTo(DispatchReport.EMPTY);
        assertThat(mailer.sendCalls()).isEqualTo(1);
    }

    @Test
    void addressesInProviderErrorsAreMaskedInTheOutbox() {
        emails.enqueue(mail("a"));
        RecordingMailer mailer = RecordingMailer.scripted(false, Map.of(1, RecordingMailer.Fault.INVALID_RECIPIENT));
        dispatcher(mailer, 5).dispatchDue();
        assertThat(stored("a").lastError()).isEqualTo("ValidationError: Invalid recipient a***@example.com");
    }

    @Test
    void givesUpAfterMaxAttempts() {
        emails.enqueue(mail("a"));
        RecordingMailer mailer = RecordingMailer.scripted(false, Map.of(1, UNAVAILABLE, 2, UNAVAILABLE, 3, UNAVAILABLE));
        for (int i = 0; i < 3; i++) {
            dispatcher(mailer, 3).dispatchDue();
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(stored("a").status()).isEqualTo(OutboxStatus.FAILED);
        assertThat(stored("a").lastError()).contains("gave up after 3 attempts");
        assertThat(mailer.deliveries(channel + ":a")).isZero();
    }

    @Test
    void aCrashAfterTheProviderAcceptedIsReconciledNotResentWithoutIdempotency() {
        emails.enqueue(mail("a"));
        RecordingMailer mailer = RecordingMailer.scripted(false, Map.of(1, CRASH_AFTER));
        assertThatThrownBy(() -> dispatcher(mailer, 5).dispatchDue()).isInstanceOf(SimulatedCrash.class);
        assertThat(stored("a").status()).isEqualTo(OutboxStatus.IN_FLIGHT);

        clock.advance(Duration.ofSeconds(119));
        assertThat(dispatcher(mailer, 5).dispatchDue()).isEqualTo(DispatchReport.EMPTY);
        clock.advance(Duration.ofSeconds(1));
        DispatchReport report = dispatcher(mailer, 5).dispatchDue();
        assertThat(report.reconciled()).isEqualTo(1);
        assertThat(mailer.lookups()).isEqualTo(1);
        assertThat(mailer.deliveries(channel + ":a")).isEqualTo(1);
        assertThat(stored("a").status()).isEqualTo(OutboxStatus.SENT);
        assertThat(stored("a").providerId()).isEqualTo("msg-1");
    }

    @Test
    void aMailThatKillsEveryDispatcherIsGivenUpAfterMaxAttempts() {
        emails.enqueue(mail("a"));
        RecordingMailer mailer = new RecordingMailer(true, n -> RecordingMailer.Fault.CRASH_BEFORE, Duration.ZERO);
        for (int pass = 1; pass <= 3; pass++) {
            assertThatThrownBy(() -> dispatcher(mailer, 3).dispatchDue()).isInstanceOf(SimulatedCrash.class);
            clock.advance(Duration.ofMinutes(2));
        }
        assertThat(stored("a").attempts()).isEqualTo(2);
        assertThat(dispatcher(mailer, 3).dispatchDue().failed()).isEqualTo(1);
        OutboxEntry failed = stored("a");
        assertThat(failed.status()).isEqualTo(OutboxStatus.FAILED);
        assertThat(failed.attempts()).isEqualTo(3);
        assertThat(failed.lastError()).contains("gave up after 3 attempts").contains("died");
        assertThat(mailer.sendCalls()).isEqualTo(3);
    }

    @Test
    void anUncertainSendToAnIdempotentProviderIsSimplyRepeated() {
        emails.enqueue(mail("a"));
        RecordingMailer mailer = RecordingMailer.scripted(true, Map.of(1, TIMEOUT_AFTER));
        dispatcher(mailer, 5).dispatchDue();
        assertThat(stored("a").status()).isEqualTo(OutboxStatus.UNCERTAIN);
        clock.advance(Duration.ofSeconds(1));
        dispatcher(mailer, 5).dispatchDue();
        assertThat(mailer.lookups()).isZero();
        assertThat(mailer.sendCalls()).isEqualTo(2);
        assertThat(mailer.deliveries(channel + ":a")).isEqualTo(1);
        assertThat(stored("a").status()).isEqualTo(OutboxStatus.SENT);
    }

    @Test
    void anUncertainSendThatNeverArrivedIsSentAfterTheLookupFindsNothing() {
        emails.enqueue(mail("a"));
        RecordingMailer mailer = RecordingMailer.scripted(false, Map.of(1, RecordingMailer.Fault.CRASH_BEFORE));
        assertThatThrownBy(() -> dispatcher(mailer, 5).dispatchDue()).isInstanceOf(SimulatedCrash.class);
        clock.advance(Duration.ofMinutes(2));
        assertThat(dispatcher(mailer, 5).dispatchDue().sent()).isEqualTo(1);
        assertThat(mailer.lookups()).isEqualTo(1);
        assertThat(mailer.deliveries(channel + ":a")).isEqualTo(1);
    }

    @Test
    void twoDispatchersRunningTogetherSendEachMailOnce() throws Exception {
        int n = 30;
        emails.enqueue(IntStream.range(0, n).mapToObj(i -> mail("m" + i)).toList());
        RecordingMailer mailer = new RecordingMailer(false, c -> RecordingMailer.Fault.NONE, Duration.ofMillis(2));
        List<DispatchReport> reports = StoreContract.concurrently(2, w ->
                EmailDispatcher.builder(store().outbox(), mailer).clock(clock).channel(channel).batchSize(3)
                        .owner("w" + w).build().dispatchDue());
        assertThat(reports.stream().mapToInt(DispatchReport::sent).sum()).isEqualTo(n);
        List<String> order = new ArrayList<>(mailer.deliveryOrder());
        assertThat(order).hasSize(n).doesNotHaveDuplicates();
    }
}
