package io.regla.examples.vitamina;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/** The simulation's clock: it stands still until the simulation moves it (never backwards). */
public final class VirtualClock extends Clock {

    private final ZoneId zone;
    private volatile Instant now;

    public VirtualClock(Instant start, ZoneId zone) {
        this.now = start;
        this.zone = zone;
    }

    public void set(Instant instant) {
        if (instant.isBefore(now)) {
            throw new IllegalArgumentException("the virtual clock does not go back: " + instant + " is before " + now);
        }
        now = instant;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new VirtualClock(now, zone);
    }

    @Override
    public Instant instant() {
        return now;
    }
}
