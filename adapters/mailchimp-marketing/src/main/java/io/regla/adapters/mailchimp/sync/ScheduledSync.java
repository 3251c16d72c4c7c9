package io.regla.adapters.mailchimp.sync;

import io.regla.api.PersonalData;
import io.regla.api.spi.CursorLease;
import io.regla.api.spi.CursorStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A Mailchimp sync on a schedule, safe with several instances on one store: every {@code every}, the instance that
 * takes the {@link CursorLease} runs it; the others skip that round. A failed round is logged and retried at the next
 * due time (the sync's own cursor makes the retry pick up where the last good round ended).
 *
 * @param <R> what one round reports
 */
public final class ScheduledSync<R> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduledSync.class);

    private final String name;
    private final Supplier<R> round;
    private final CursorLease lease;
    private final Duration every;
    private final Duration leaseFor;
    private final Duration poll;
    private final Clock clock;
    private ScheduledExecutorService timer;

    /**
     * @param name     the cursor holding the lease ({@code mailchimp.audience.<list>.lease}), also the thread's name
     * @param every    how often a round runs across all instances
     * @param leaseFor how long a round may hold the lease before another instance may take over
     * @param poll     how often {@link #start()} checks whether a round is due
     */
    public ScheduledSync(String name, CursorStore cursors, String owner, Duration every, Duration leaseFor, Duration poll,
                         Clock clock, Supplier<R> round) {
        this.name = Objects.requireNonNull(name, "name");
        this.round = Objects.requireNonNull(round, "round");
        this.lease = new CursorLease(cursors, name, owner);
        this.every = positive(every, "every");
        this.leaseFor = positive(leaseFor, "lease");
        this.poll = positive(poll, "poll");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Runs the round if due and no instance is running it. */
    public Optional<R> tick() {
        return lease.take(clock.instant(), leaseFor, every, false).map(this::run);
    }

    /** Runs the round now, whenever the last one was, unless another instance is running it (then empty). */
    public Optional<R> runOnce() {
        return lease.take(clock.instant(), leaseFor, every, true).map(this::run);
    }

    private R run(CursorLease.Held held) {
        try {
            return round.get();
        } finally {
            if (!lease.release(held)) {
                LOG.warn("{}: the round outlived its lease of {}; another instance may have run meanwhile", name, leaseFor);
            }
        }
    }

    /** Checks every poll interval whether a round is due, on a daemon thread. */
    public synchronized void start() {
        if (timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "regla-" + name);
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                tick().ifPresent(r -> LOG.debug("{}: {}", name, r));   // the round logs its own summary
            } catch (RuntimeException e) {
                LOG.warn("{} failed; next attempt when due: {}", name, PersonalData.maskEmailsIn(String.valueOf(e.getMessage())));
            }
        }, 0, poll.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("{}: every {}", name, every);
    }

    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static Duration positive(Duration d, String what) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be a positive duration, was " + d);
        }
        return d;
    }
}
