package io.regla.store.tck;

import io.regla.api.spi.Outbox;
import io.regla.api.spi.OutboxEntry;
import io.regla.api.spi.OutboxStatus;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * An outbox that dies ({@link SimulatedCrash}) on the store calls a test names: before the call reaches
 * the store, or after the store did it but before the caller hears back.
 */
public final class CrashingOutbox implements Outbox {

    private final Outbox delegate;
    private final Set<Integer> crashAt;
    private final boolean afterWrite;
    private final AtomicInteger calls = new AtomicInteger();

    /**
     * @param crashAt    1-based numbers of the calls that crash (each number once)
     * @param afterWrite crash after the store acted rather than before
     */
    public CrashingOutbox(Outbox delegate, Set<Integer> crashAt, boolean afterWrite) {
        this.delegate = delegate;
        this.crashAt = Set.copyOf(crashAt);
        this.afterWrite = afterWrite;
    }

    private <T> T around(String what, Supplier<T> call) {
        int n = calls.incrementAndGet();
        boolean crash = crashAt.contains(n);
        if (crash && !afterWrite) {
            throw new SimulatedCrash("before store call " + n + " (" + what + ")");
        }
        T result = call.get();
        if (crash) {
            throw new SimulatedCrash("after store call " + n + " (" + what + ")");
        }
        return result;
    }

    @Override
    public boolean enqueue(OutboxEntry entry) {
        return around("enqueue", () -> delegate.enqueue(entry));
    }

    @Override
    public Optional<OutboxEntry> find(String key) {
        return around("find", () -> delegate.find(key));
    }

    @Override
    public List<OutboxEntry> list(OutboxStatus status, int limit) {
        return around("list", () -> delegate.list(status, limit));
    }

    @Override
    public List<OutboxEntry> due(String channel, Instant now, int limit) {
        return around("due", () -> delegate.due(channel, now, limit));
    }

    @Override
    public boolean update(OutboxEntry expected, OutboxEntry next) {
        return around("update to " + next.status(), () -> delegate.update(expected, next));
    }

    public int calls() {
        return calls.get();
    }
}
