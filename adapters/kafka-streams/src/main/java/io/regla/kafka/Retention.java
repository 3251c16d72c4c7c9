package io.regla.kafka;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Event-time retention of a task's {@code loyalty-purchases} and {@code loyalty-decided} stores, which would
 * otherwise grow with every event ever seen. Each entry is indexed by its event time in {@code loyalty-expiry}
 * (key {@code <time>|P|<transaction>} or {@code <time>|D|<event>}), so pruning is a range scan of the index
 * from the start to the cut-off, never a scan of the stores.
 *
 * <p>The clock is the task's decided event time (its released mark), not the wall clock: a replay from the
 * beginning of the topics keeps what a live run would keep at the same point of the stream.
 */
final class Retention {

    static final String PURCHASE = "P";
    static final String DECIDED = "D";

    private final KeyValueStore<String, String> index;
    private final KeyValueStore<String, String> purchases;
    private final KeyValueStore<String, String> decided;
    private final long retentionMs;

    Retention(KeyValueStore<String, String> index, KeyValueStore<String, String> purchases,
              KeyValueStore<String, String> decided, Duration retention) {
        this.index = index;
        this.purchases = purchases;
        this.decided = decided;
        this.retentionMs = retention.toMillis();
    }

    void purchase(String transactionId, Instant at) {
        index.put(TimeKeys.key(at.toEpochMilli(), PURCHASE, transactionId), "");
    }

    void decided(String eventId, long at) {
        index.put(TimeKeys.key(at, DECIDED, eventId), "");
    }

    /**
     * Deletes every purchase and decided mark whose event time is more than the retention before
     * {@code decidedUpTo}; returns how many.
     */
    int prune(long decidedUpTo) {
        if (decidedUpTo < Long.MIN_VALUE + retentionMs) return 0; // nothing decided yet, or nothing that old
        long cutoff = decidedUpTo - retentionMs;
        List<String> gone = new ArrayList<>();
        try (KeyValueIterator<String, String> it = index.range(TimeKeys.key(Long.MIN_VALUE, "", ""), TimeKeys.key(cutoff, "\uffff", ""))) {
            while (it.hasNext()) {
                KeyValue<String, String> kv = it.next();
                if (TimeKeys.timeOf(kv.key) <= cutoff) gone.add(kv.key);
            }
        }
        for (String key : gone) {
            String[] parts = key.split("\\|", 3);
            (parts[1].equals(PURCHASE) ? purchases : decided).delete(parts[2]);
            index.delete(key);
        }
        return gone.size();
    }
}
