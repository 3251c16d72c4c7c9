package io.regla.core.audit;

import io.regla.api.Decision;
import io.regla.api.PersonalData;
import io.regla.api.spi.DecisionLog;
import io.regla.api.spi.DecisionRecord;
import io.regla.core.observe.EngineObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Writes decisions to a {@link DecisionLog} off the deciding threads: a decision is offered to a bounded
 * queue (never waiting: when the queue is full the decision is dropped and counted, see {@link #dropped()})
 * and one background thread takes batches of up to {@code batchSize}, turns them into
 * {@link DecisionRecord}s (hashing the facts, serialising and masking actions and trace) and writes them.
 * {@link #close()} stops taking decisions and waits at most {@code closeTimeout} for the queue to drain.
 *
 * <p>The facts are read on the writer thread, after {@code decide} returned: they must not be changed
 * afterwards (records, as the bundled fact models use, cannot be).
 */
public final class DecisionRecorder implements EngineObserver {

    private static final Logger log = LoggerFactory.getLogger(DecisionRecorder.class);

    /** A decision waiting to be written. */
    record Pending(Decision decision, String checksum, List<Object> facts, java.time.Instant recordedAt) {
    }

    /** A shadow difference (candidate decided, or failed when {@code candidate} is null) waiting to be written. */
    record ShadowPending(Decision serving, Decision candidate, io.regla.api.Version candidateVersion, RuntimeException error,
                         List<Object> facts, java.time.Instant recordedAt) {
    }

    private final DecisionLog target;
    private final Clock clock;
    private final int batchSize;
    private final Duration closeTimeout;
    private final BlockingQueue<Pending> queue;
    private final LongAdder dropped = new LongAdder();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Thread writer;
    private volatile boolean closing;
    private final int shadowSamples;
    /** Samples taken per "rule set / serving / candidate": the bound of the shadow sample. */
    private final java.util.concurrent.ConcurrentHashMap<String, java.util.concurrent.atomic.AtomicInteger> shadowTaken =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.ConcurrentLinkedQueue<ShadowPending> shadowQueue = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final AtomicLong shadowWritten = new AtomicLong();

    /**
     * @param capacity     decisions the queue holds before it drops
     * @param batchSize    most records per {@link DecisionLog#write} call
     * @param closeTimeout how long {@link #close()} waits for queued decisions to be written
     */
    public DecisionRecorder(DecisionLog target, Clock clock, int capacity, int batchSize, Duration closeTimeout) {
        this(target, clock, capacity, batchSize, closeTimeout, 100);
    }

    /** @param shadowSamples shadow samples kept per rule set, serving and candidate version (0: none) */
    public DecisionRecorder(DecisionLog target, Clock clock, int capacity, int batchSize, Duration closeTimeout,
                            int shadowSamples) {
        if (shadowSamples < 0) throw new IllegalArgumentException("shadow samples must not be negative");
        this.shadowSamples = shadowSamples;
        if (capacity < 1) throw new IllegalArgumentException("decision log capacity must be at least 1");
        if (batchSize < 1) throw new IllegalArgumentException("decision log batch size must be at least 1");
        this.target = target;
        this.clock = clock;
        this.batchSize = batchSize;
        this.closeTimeout = closeTimeout;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.writer = new Thread(this::run, "regla-decision-log");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    @Override
    public void decided(Decision decision, String checksum, Collection<?> facts, int firings, long nanos) {
        offer(new Pending(decision, checksum, new ArrayList<>(facts), clock.instant()));
    }

    @Override
    public void shadowDecided(Decision serving, Decision candidate, boolean differs, Collection<?> facts) {
        if (differs) sample(new ShadowPending(serving, candidate, candidate.version(), null, new ArrayList<>(facts), clock.instant()));
    }

    @Override
    public void shadowFailed(Decision serving, io.regla.api.Version candidate, RuntimeException error, Collection<?> facts) {
        sample(new ShadowPending(serving, null, candidate, error, new ArrayList<>(facts), clock.instant()));
    }

    /** Keeps the first {@code shadowSamples} per version pair; the rest are only counted (by the metrics). */
    private void sample(ShadowPending p) {
        if (closing) return;
        String key = p.serving().ruleSet() + "/" + p.serving().version() + "/" + p.candidateVersion();
        var taken = shadowTaken.computeIfAbsent(key, k -> new java.util.concurrent.atomic.AtomicInteger());
        if (taken.get() >= shadowSamples || taken.incrementAndGet() > shadowSamples) return;
        shadowQueue.add(p);
    }

    /** Shadow samples written to the log. */
    public long shadowWritten() {
        return shadowWritten.get();
    }

    /** Queues a decision, or drops and counts it when the queue is full or the recorder closed. */
    boolean offer(Pending p) {
        if (closing || !queue.offer(p)) {
            dropped.increment();
            return false;
        }
        return true;
    }

    /** Decisions not logged because the queue was full (or the engine closing); they are gone. */
    public long dropped() {
        return dropped.sum();
    }

    /** Decisions written to the log. */
    public long written() {
        return written.get();
    }

    /** Decisions lost because the log failed to write them (or they could not be serialised). */
    public long failed() {
        return failed.get();
    }

    /** Decisions waiting in the queue. */
    public int queued() {
        return queue.size();
    }

    public int capacity() {
        return queue.size() + queue.remainingCapacity();
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(batchSize);
        while (true) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                writeShadow();
                if (first == null) {
                    if (closing) return;
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, batchSize - 1);
                write(batch);
            } catch (InterruptedException e) {
                return; // close() gave up waiting: what is still queued is counted there
            } finally {
                batch.clear();
            }
        }
    }

    private void writeShadow() {
        if (shadowQueue.isEmpty()) return;
        List<io.regla.api.spi.ShadowSample> samples = new ArrayList<>();
        for (ShadowPending p; (p = shadowQueue.poll()) != null; ) {
            try {
                samples.add(DecisionRecords.shadow(UUID.randomUUID().toString(), p));
            } catch (RuntimeException e) {
                log.warn("decision log: cannot serialise a shadow sample of {}: {}", p.serving().ruleSet(),
                        PersonalData.maskEmailsIn(e.getMessage()));
            }
        }
        if (samples.isEmpty()) return;
        try {
            target.writeShadow(samples);
            shadowWritten.addAndGet(samples.size());
        } catch (RuntimeException e) {
            log.warn("decision log: writing {} shadow samples failed, they are lost: {}", samples.size(),
                    PersonalData.maskEmailsIn(e.getMessage()));
        }
    }

    private void write(List<Pending> batch) {
        List<DecisionRecord> records = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            try {
                records.add(DecisionRecords.of(UUID.randomUUID().toString(), p));
            } catch (RuntimeException e) {
                failed.incrementAndGet();
                log.warn("decision log: cannot serialise a decision of {} {}: {}", p.decision().ruleSet(),
                        p.decision().version(), PersonalData.maskEmailsIn(e.getMessage()));
            }
        }
        if (records.isEmpty()) return;
        try {
            target.write(records);
            written.addAndGet(records.size());
        } catch (RuntimeException e) {
            failed.addAndGet(records.size());
            log.warn("decision log: writing {} decisions failed, they are lost: {}", records.size(),
                    PersonalData.maskEmailsIn(e.getMessage()));
        }
    }

    /** Stops taking decisions, writes what is queued within the close timeout, then stops the writer. */
    @Override
    public void close() {
        closing = true;
        try {
            writer.join(Math.max(1, closeTimeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            writer.interrupt();
            int left = queue.size();
            queue.clear();
            dropped.add(left);
            log.warn("decision log: {} decisions still queued after {} were not written", left, closeTimeout);
        }
    }
}
