package io.regla.core.audit;

import io.regla.api.spi.DecisionLog;
import io.regla.api.spi.DecisionQuery;
import io.regla.api.spi.DecisionRecord;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A decision log in a list; it can be made to hold its writer on a latch, or to fail. */
final class MemoryDecisionLog implements DecisionLog {

    final List<DecisionRecord> records = new CopyOnWriteArrayList<>();
    final List<io.regla.api.spi.ShadowSample> samples = new CopyOnWriteArrayList<>();
    final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
    final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release;
    volatile boolean failing;

    /** A log that writes at once. */
    MemoryDecisionLog() {
        this(new CountDownLatch(0));
    }

    /** A log whose every write waits for {@code release}. */
    MemoryDecisionLog(CountDownLatch release) {
        this.release = release;
    }

    @Override
    public void write(List<DecisionRecord> batch) {
        entered.countDown();
        try {
            if (!release.await(60, TimeUnit.SECONDS)) throw new IllegalStateException("test never released the writer");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
        if (failing) throw new IllegalStateException("disk full for ana@example.com");
        batchSizes.add(batch.size());
        records.addAll(batch);
    }

    @Override
    public void writeShadow(List<io.regla.api.spi.ShadowSample> batch) {
        samples.addAll(batch);
    }

    @Override
    public List<DecisionRecord> recent(DecisionQuery query) {
        List<DecisionRecord> out = new ArrayList<>(records.stream().filter(query::matches).toList());
        out.sort(Comparator.comparing(DecisionRecord::recordedAt).reversed());
        return out.subList(0, Math.min(query.limit(), out.size()));
    }
}
