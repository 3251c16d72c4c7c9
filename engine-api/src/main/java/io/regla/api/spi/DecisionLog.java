package io.regla.api.spi;

import java.util.List;

/**
 * Where an engine built with {@code Regla.builder().decisionLog(log)} writes what it decided, for audit:
 * per decision the rule set, version and checksum, the as-of instant, a hash of the input facts, the
 * actions and the trace ({@link DecisionRecord}).
 *
 * <p>The engine never calls {@link #write} from a deciding thread: one background writer hands over
 * batches, in decision order, from a bounded queue; when the queue is full a decision is not logged (and
 * counted as dropped) rather than wait. Implementations need not be thread-safe for {@code write}, but
 * {@link #recent} may run concurrently with it.
 */
public interface DecisionLog {

    /**
     * Persists a batch, all or nothing if the backend can. Throwing loses the batch: the engine counts its
     * records as failed and goes on.
     */
    void write(List<DecisionRecord> records);

    /**
     * Recent decisions, most recent first (by {@link DecisionRecord#recordedAt()}).
     *
     * @throws UnsupportedOperationException if this log cannot be read back (a write-only sink)
     */
    default List<DecisionRecord> recent(DecisionQuery query) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot be read back");
    }

    /**
     * Persists a batch of shadow samples (decisions where a candidate version, run in shadow, decided otherwise
     * than the serving one, or failed). The engine writes at most a bounded number per rule set and version
     * pair. A log that keeps no samples ignores them (the default): logs written before shadow mode still work.
     */
    default void writeShadow(List<ShadowSample> samples) {
    }

    /**
     * Recent shadow samples of a rule set, most recent first; {@link DecisionQuery#version()} filters the
     * serving version.
     *
     * @throws UnsupportedOperationException if this log keeps no samples or cannot be read back
     */
    default List<ShadowSample> recentShadow(DecisionQuery query) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " keeps no shadow samples");
    }
}
