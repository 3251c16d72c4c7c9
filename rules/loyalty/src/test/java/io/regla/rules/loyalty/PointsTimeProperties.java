package io.regla.rules.loyalty;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules' time comparisons ({@link Points#earlier}, {@link Points#active}, {@link Points#reached}) compare epoch
 * seconds and nanoseconds instead of building instants: they must answer as the instants' own comparison does, whatever
 * the offsets the times were written with, for equal instants, equal seconds with other nanoseconds, and neighbours.
 */
class PointsTimeProperties {

    @Provide
    Arbitrary<OffsetDateTime> times() {
        // a few neighbouring seconds: equal instants and equal seconds with other nanoseconds come often
        Arbitrary<Long> seconds = Arbitraries.longs().between(1_500_000_000L, 1_500_000_003L);
        Arbitrary<Long> far = Arbitraries.longs().between(-2_000_000_000L, 4_000_000_000L);
        Arbitrary<Integer> nanos = Arbitraries.oneOf(Arbitraries.of(0, 1, 999_999_999, 500_000_000),
                Arbitraries.integers().between(0, 999_999_999));
        Arbitrary<ZoneOffset> offsets = Arbitraries.integers().between(-18 * 4, 18 * 4).map(q -> ZoneOffset.ofTotalSeconds(q * 900));
        return Combinators.combine(Arbitraries.oneOf(seconds, far), nanos, offsets)
                .as((s, n, o) -> OffsetDateTime.ofInstant(Instant.ofEpochSecond(s, n), o));
    }

    @Property(tries = 1500)
    void earlierIsTheInstantsOrderThenTheId(@ForAll("times") OffsetDateTime a, @ForAll("times") OffsetDateTime b) {
        int c = a.toInstant().compareTo(b.toInstant());
        assertThat(Integer.signum(Points.compareInstants(a, b))).isEqualTo(Integer.signum(c));
        assertThat(Points.earlier(a, "T1", b, "T2")).isEqualTo(c < 0 || c == 0);
        assertThat(Points.earlier(a, "T2", b, "T1")).isEqualTo(c < 0);
        // the same instant written with another offset
        OffsetDateTime sameB = b.withOffsetSameInstant(ZoneOffset.ofHours(b.getOffset().getTotalSeconds() == 0 ? 5 : 0));
        assertThat(Points.earlier(a, "T1", sameB, "T1")).isEqualTo(c < 0);
    }

    @Property(tries = 1500)
    void activeAndReachedAreTheInstantsComparisons(@ForAll("times") OffsetDateTime from, @ForAll("times") OffsetDateTime to,
                                                   @ForAll("times") OffsetDateTime at) {
        Instant i = at.toInstant();
        assertThat(Points.active(from, to, at)).isEqualTo(!i.isBefore(from.toInstant()) && i.isBefore(to.toInstant()));
        assertThat(Points.reached(from, i)).isEqualTo(!i.isBefore(from.toInstant()));
    }
}
