package io.regla.store.tck;

import io.regla.api.spi.DeliveryException;
import io.regla.api.spi.Mailer;
import io.regla.api.spi.OutgoingEmail;
import io.regla.api.spi.SendResult;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * The test double of our own {@link Mailer} SPI: an in-memory provider that records every delivery,
 * answers {@link #lookup} from what it delivered, and fails on the calls a script names.
 * Non-idempotent by default: a repeated key is delivered again (which is what the outbox must prevent).
 */
public final class RecordingMailer implements Mailer {

    /** What the provider does on one call (send or lookup). */
    public enum Fault {
        NONE,
        /** 429 with a Retry-After: nothing sent. */
        RATE_LIMITED,
        /** 503: nothing sent. */
        UNAVAILABLE,
        /** A 400: nothing sent, never will be. */
        INVALID,
        /** A 400 quoting the recipient's address: nothing sent, never will be. */
        INVALID_RECIPIENT,
        /** The process dies before the request leaves. */
        CRASH_BEFORE,
        /** The provider delivers, then the process dies before reading the answer. */
        CRASH_AFTER,
        /** The provider delivers, the answer is lost to a timeout (an uncertain failure). */
        TIMEOUT_AFTER
    }

    private final boolean idempotent;
    private final IntFunction<Fault> script;
    private final Duration latency;
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger sendCalls = new AtomicInteger();
    private final AtomicInteger lookups = new AtomicInteger();
    private final Map<String, List<OutgoingEmail>> deliveries = new ConcurrentHashMap<>();
    private final Map<String, SendResult> accepted = new ConcurrentHashMap<>();
    private final List<String> order = new CopyOnWriteArrayList<>();

    /**
     * @param script the fault for call number n (1-based, sends and lookups counted together)
     * @param latency how long each send takes (wall time), to let concurrent dispatchers overlap
     */
    public RecordingMailer(boolean idempotent, IntFunction<Fault> script, Duration latency) {
        this.idempotent = idempotent;
        this.script = script;
        this.latency = latency;
    }

    public static RecordingMailer reliable(boolean idempotent) {
        return new RecordingMailer(idempotent, n -> Fault.NONE, Duration.ZERO);
    }

    public static RecordingMailer scripted(boolean idempotent, Map<Integer, Fault> faults) {
        Map<Integer, Fault> copy = Map.copyOf(faults);
        return new RecordingMailer(idempotent, n -> copy.getOrDefault(n, Fault.NONE), Duration.ZERO);
    }

    @Override
    public String name() {
        return "recording";
    }

    @Override
    public boolean idempotent() {
        return idempotent;
    }

    @Override
    public SendResult send(OutgoingEmail email) {
        sendCalls.incrementAndGet();
        Fault fault = script.apply(calls.incrementAndGet());
        if (fault == Fault.INVALID_RECIPIENT) {
            throw DeliveryException.permanent("ValidationError", "Invalid recipient " + email.to());
        }
        failBefore(fault, "send " + email.key());
        pause();
        SendResult result = deliver(email);
        if (fault == Fault.CRASH_AFTER) {
            throw new SimulatedCrash("after the provider accepted " + email.key());
        }
        if (fault == Fault.TIMEOUT_AFTER) {
            throw new DeliveryException("read timed out", true, null, "TIMEOUT", true, null);
        }
        return result;
    }

    @Override
    public Optional<SendResult> lookup(String key) {
        lookups.incrementAndGet();
        Fault fault = script.apply(calls.incrementAndGet());
        failBefore(fault, "lookup " + key);
        return Optional.ofNullable(accepted.get(key));
    }

    private synchronized SendResult deliver(OutgoingEmail email) {
        SendResult known = accepted.get(email.key());
        if (idempotent && known != null) {
            return known;
        }
        deliveries.computeIfAbsent(email.key(), k -> new CopyOnWriteArrayList<>()).add(email);
        order.add(email.key());
        SendResult result = new SendResult(SendResult.Status.ACCEPTED, "msg-" + order.size(), "sent");
        accepted.putIfAbsent(email.key(), result);
        return result;
    }

    private static void failBefore(Fault fault, String what) {
        switch (fault) {
            case RATE_LIMITED -> throw DeliveryException.retryable("429", "Too Many Requests", Duration.ofSeconds(20));
            case UNAVAILABLE -> throw DeliveryException.retryable("503", "Service Unavailable", null);
            case INVALID -> throw DeliveryException.permanent("ValidationError", "invalid template");
            case CRASH_BEFORE -> throw new SimulatedCrash("before " + what);
            default -> {
            }
        }
    }

    private void pause() {
        if (!latency.isZero()) {
            try {
                Thread.sleep(latency.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** How many times the provider delivered this key. */
    public int deliveries(String key) {
        List<OutgoingEmail> d = deliveries.get(key);
        return d == null ? 0 : d.size();
    }

    public List<OutgoingEmail> delivered(String key) {
        return List.copyOf(deliveries.getOrDefault(key, List.of()));
    }

    /** Every delivery, in order, by key. */
    public List<String> deliveryOrder() {
        return new ArrayList<>(order);
    }

    public int sendCalls() {
        return sendCalls.get();
    }

    public int lookups() {
        return lookups.get();
    }
}
