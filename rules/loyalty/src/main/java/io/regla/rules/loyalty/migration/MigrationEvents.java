package io.regla.rules.loyalty.migration;

import io.regla.rules.loyalty.CardTransaction;
import io.regla.rules.loyalty.RedemptionRequest;
import io.regla.rules.loyalty.Refund;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The migrated history in replay order, streamed: (time, kind, id) with transactions before refunds before
 * redemptions at one instant. Three keyset-paged cursors (one per file, each along its own index) merged
 * here, so the database never sorts the whole history. {@link #key} and {@link #after} make it resumable.
 */
final class MigrationEvents implements Iterable<Object> {

    static final List<LegacyFile> FILES = List.of(LegacyFile.TRANSACTIONS, LegacyFile.REFUNDS, LegacyFile.REDEMPTIONS);

    /** An event's position: replay resumes after it. Text form {@code millis|rank|id}. */
    record Key(long millis, int rank, String id) {
        static final Key START = new Key(Long.MIN_VALUE, -1, null);

        static Key parse(String text) {
            if (text == null || text.isEmpty()) return START;
            String[] p = text.split("\\|", 3);
            return new Key(Long.parseLong(p[0]), Integer.parseInt(p[1]), p[2]);
        }

        String text() {
            return millis + "|" + rank + "|" + id;
        }
    }

    private final MigrationStore store;
    private final Key after;
    private final int page;

    MigrationEvents(MigrationStore store, Key after, int page) {
        this.store = store;
        this.after = after;
        this.page = page;
    }

    static Key key(Object e) {
        return new Key(ExportGenerator.at(e).toInstant().toEpochMilli(), ExportGenerator.rank(e), ExportGenerator.id(e));
    }

    @Override
    public Iterator<Object> iterator() {
        Cursor[] cursors = new Cursor[FILES.size()];
        for (int r = 0; r < cursors.length; r++) {
            // what of this file comes after the resume key: later instants, or the same instant and a later kind/id
            if (after == Key.START) cursors[r] = new Cursor(FILES.get(r), Long.MIN_VALUE, null);
            else if (r < after.rank()) cursors[r] = new Cursor(FILES.get(r), after.millis() + 1, null);
            else if (r == after.rank()) cursors[r] = new Cursor(FILES.get(r), after.millis(), after.id());
            else cursors[r] = new Cursor(FILES.get(r), after.millis(), null);
        }
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                for (Cursor c : cursors) if (c.peek() != null) return true;
                return false;
            }

            @Override
            public Object next() {
                Cursor best = null;
                long bestAt = 0;
                for (Cursor c : cursors) {
                    Object e = c.peek();
                    if (e == null) continue;
                    long at = ExportGenerator.at(e).toInstant().toEpochMilli();
                    if (best == null || at < bestAt) {
                        best = c;
                        bestAt = at;
                    }
                }
                if (best == null) throw new NoSuchElementException();
                return best.take();
            }
        };
    }

    private final class Cursor {
        private final LegacyFile file;
        private final ArrayDeque<Object> buffer = new ArrayDeque<>();
        private long fromMillis;
        private String afterId;
        private boolean done;

        Cursor(LegacyFile file, long fromMillis, String afterId) {
            this.file = file;
            this.fromMillis = fromMillis;
            this.afterId = afterId;
        }

        Object peek() {
            if (buffer.isEmpty() && !done) {
                List<Object> next = store.page(file, fromMillis, afterId, page);
                buffer.addAll(next);
                if (next.size() < page) done = true;
                if (!next.isEmpty()) {
                    Object last = next.get(next.size() - 1);
                    fromMillis = ExportGenerator.at(last).toInstant().toEpochMilli();
                    afterId = ExportGenerator.id(last);
                }
            }
            return buffer.peekFirst();
        }

        Object take() {
            peek();
            return buffer.pollFirst();
        }
    }

    static boolean isEvent(Object e) {
        return e instanceof CardTransaction || e instanceof Refund || e instanceof RedemptionRequest;
    }
}
