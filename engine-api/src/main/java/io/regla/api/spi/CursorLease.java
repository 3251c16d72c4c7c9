package io.regla.api.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A lease and a schedule kept in one cursor of a {@link CursorStore}, so that any number of instances on one store run
 * each scheduled round once (the SQL import's and the Mailchimp sync's rounds use it): value
 * {@code <owner>|<lease until millis>|<last run started millis>}. Every change is a compare-and-set on the value read
 * ({@link CursorStore#compareAndSet}), on JDBC and DynamoDB alike: of two instances taking it at once one wins. A
 * holder that dies leaves a lease that expires; the next instance takes it then.
 */
public final class CursorLease {

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

    /**
     * What taking the lease gave: the value to release it with, and when the previous run started (null on the first
     * run).
     */
    public record Held(String value, Instant previousRun) {
    }

    private final CursorStore cursors;
    private final String name;
    private final String owner;

    /** @param owner who holds it, e.g. a host name and process id; must not contain {@code '|'} */
    public CursorLease(CursorStore cursors, String name, String owner) {
        Objects.requireNonNull(owner, "owner");
        if (owner.contains("|")) {
            throw new IllegalArgumentException("a lease owner must not contain '|': " + owner);
        }
        this.cursors = Objects.requireNonNull(cursors, "cursors");
        this.name = Objects.requireNonNull(name, "name");
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
                return Optional.empty();   // held (by another instance, or by a run of this one still going)
            }
            if (!force && s.lastRun + every.toMillis() > now.toEpochMilli()) {
                return Optional.empty();   // not due yet
            }
        }
        String mine = new State(owner, now.plus(lease).toEpochMilli(), now.toEpochMilli()).format();
        if (!cursors.compareAndSet(name, current.orElse(null), mine)) {
            return Optional.empty();       // another instance took it first
        }
        return Optional.of(new Held(mine, state.map(s -> Instant.ofEpochMilli(s.lastRun)).orElse(null)));
    }

    /** Lets the lease go (keeping when this run started); false if it expired and someone else took it. */
    public boolean release(Held held) {
        State s = State.parse(held.value()).orElseThrow();
        return cursors.compareAndSet(name, held.value(), new State(s.owner, 0, s.lastRun).format());
    }
}
