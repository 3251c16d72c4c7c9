package io.regla.adapters.mailchimp.sync;

import io.regla.api.spi.CursorStore;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A scheduled sync's lease and schedule in one cursor of the store, so that any number of {@code regla serve}
 * instances on one store run each round once: value {@code <owner>|<lease until millis>|<last run started millis>},
 * changed only by compare-and-set on the value read (JDBC and DynamoDB alike). A holder that dies leaves a lease that
 * expires. (The same protocol as the SQL import's lease, which lives in its own adapter.)
 */
public final class SyncLease {

    private record State(String owner, long until, long lastRun) {
        static Optional<State> parse(String value) {
            String[] p = value.split("\\|", -1);
            if (p.length != 3) {
                return Optional.empty();
            }
            try {
                return Optional.of(new State(p[0], Long.parseLong(p[1]), Long.parseLong(p[2])));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }

        String format() {
            return owner + "|" + until + "|" + lastRun;
        }
    }

    /** What taking the lease gave: the value to release it with. */
    public record Held(String value) {
    }

    private final CursorStore cursors;
    private final String name;
    private final String owner;

    public SyncLease(CursorStore cursors, String name, String owner) {
        if (owner.contains("|")) {
            throw new IllegalArgumentException("a sync owner must not contain '|': " + owner);
        }
        this.cursors = cursors;
        this.name = name;
        this.owner = owner;
    }

    /**
     * Takes the lease until {@code now + lease} if nobody holds it and (unless {@code force}) the last run started at
     * least {@code every} ago.
     */
    public Optional<Held> take(Instant now, Duration lease, Duration every, boolean force) {
        Optional<String> current = cursors.get(name);
        Optional<State> state = current.flatMap(State::parse);
        if (state.isPresent()) {
            State s = state.get();
            if (s.until > now.toEpochMilli()) {
                return Optional.empty();
            }
            if (!force && s.lastRun + every.toMillis() > now.toEpochMilli()) {
                return Optional.empty();
            }
        }
        String mine = new State(owner, now.plus(lease).toEpochMilli(), now.toEpochMilli()).format();
        if (!cursors.compareAndSet(name, current.orElse(null), mine)) {
            return Optional.empty();
        }
        return Optional.of(new Held(mine));
    }

    /** Lets the lease go, keeping when this run started; false if it expired and someone else took it. */
    public boolean release(Held held) {
        State s = State.parse(held.value()).orElseThrow();
        return cursors.compareAndSet(name, held.value(), new State(s.owner, 0, s.lastRun).format());
    }
}
