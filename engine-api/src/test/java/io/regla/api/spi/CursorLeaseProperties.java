package io.regla.api.spi;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class CursorLeaseProperties {

    /** A compare-and-set map, what the JDBC and DynamoDB cursor stores guarantee. */
    static final class MapCursors implements CursorStore {
        final Map<String, String> values = new HashMap<>();

        @Override
        public Optional<String> get(String name) {
            return Optional.ofNullable(values.get(name));
        }

        @Override
        public void put(String name, String value) {
            values.put(name, value);
        }

        @Override
        public boolean compareAndSet(String name, String expected, String value) {
            if (!Objects.equals(values.get(name), expected)) {
                return false;
            }
            values.put(name, value);
            return true;
        }
    }

    /** One instance's step: at minute {@code minute} it tries to take the lease, or releases what it holds. */
    record Step(int instance, int minute, boolean release, boolean force) {
    }

    private static final Duration LEASE = Duration.ofMinutes(10);
    private static final Duration EVERY = Duration.ofMinutes(30);
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /**
     * Whatever the instances do and in whatever order: never two holders of an unexpired lease, and (without force)
     * never two runs started less than {@code every} apart.
     */
    @Property(tries = 300)
    void neverTwoHoldersAndNeverARunBeforeItIsDue(@ForAll("steps") @Size(max = 60) List<Step> steps) {
        MapCursors cursors = new MapCursors();
        CursorLease[] instances = {new CursorLease(cursors, "round", "a"), new CursorLease(cursors, "round", "b"),
                new CursorLease(cursors, "round", "c")};
        CursorLease.Held[] held = new CursorLease.Held[instances.length];
        Instant[] heldUntil = new Instant[instances.length];
        Instant lastStart = null;
        int minute = 0;
        for (Step step : steps) {
            minute += step.minute();
            Instant now = T0.plus(Duration.ofMinutes(minute));
            int i = step.instance();
            if (step.release()) {
                if (held[i] != null) {
                    boolean released = instances[i].release(held[i]);
                    // a release fails only when the lease expired and someone else took it meanwhile
                    assertThat(released || !heldUntil[i].isAfter(now)).isTrue();
                    held[i] = null;
                }
                continue;
            }
            Optional<CursorLease.Held> taken = instances[i].take(now, LEASE, EVERY, step.force());
            if (taken.isPresent()) {
                for (int j = 0; j < instances.length; j++) {
                    if (j != i && held[j] != null) {
                        assertThat(heldUntil[j]).as("instance %d still held it", j).isBeforeOrEqualTo(now);
                    }
                }
                if (!step.force() && lastStart != null) {
                    assertThat(Duration.between(lastStart, now)).isGreaterThanOrEqualTo(EVERY);
                }
                assertThat(taken.get().previousRun()).isEqualTo(lastStart);
                held[i] = taken.get();
                heldUntil[i] = now.plus(LEASE);
                lastStart = now;
            }
        }
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> step = Combinators.combine(Arbitraries.integers().between(0, 2),
                        Arbitraries.integers().between(0, 20), Arbitraries.of(true, false),
                        Arbitraries.integers().between(0, 9).map(n -> n == 0))
                .as(Step::new);
        return step.list();
    }

    @Property(tries = 10)
    void anOwnerWithTheSeparatorIsRefused(@ForAll("owners") String owner) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CursorLease(new MapCursors(), "round", owner))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(owner);
    }

    @Provide
    Arbitrary<String> owners() {
        return Arbitraries.strings().alpha().ofMaxLength(5).map(s -> s + "|" + s);
    }
}
