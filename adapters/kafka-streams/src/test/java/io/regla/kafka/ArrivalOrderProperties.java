package io.regla.kafka;

import io.regla.kafka.SyntheticEvents.Sourced;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The invariant the grace period promises: however the events arrive, as long as none arrives more than the
 * grace after its own time, the ledger is the one of the events in time order.
 */
class ArrivalOrderProperties {

    static final Duration GRACE = Duration.ofHours(6);

    @Property(tries = 8)
    void arrivalOrderWithinGraceNeverChangesTheLedger(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) throws Exception {
        SyntheticEvents data = SyntheticEvents.generate(15, 250, seed);
        Random rnd = new Random(seed);
        // each event arrives somewhere within the grace after its time: sorted by time + a delay below the grace
        List<Sourced> arrival = data.events().stream()
                .map(e -> new Object[] {e, e.at().toInstant().toEpochMilli() + (long) (rnd.nextDouble() * (GRACE.toMillis() - 1))})
                .sorted(Comparator.comparingLong(o -> (long) o[1]))
                .map(o -> (Sourced) o[0]).toList();
        assertThat(run(data, data.events())).isEqualTo(run(data, arrival));
    }

    private static BatchReference.Ledgers run(SyntheticEvents data, List<Sourced> order) throws Exception {
        Path state = Files.createTempDirectory("regla-kafka-prop");
        try (TopologyHarness h = new TopologyHarness(GRACE, state)) {
            data.members().forEach(h::member);
            // punctuations now and then, as on a live partition: events are decided in many small releases
            for (int i = 0; i < order.size(); i++) {
                h.send(order.get(i));
                if (i % 10 == 9) h.tick();
            }
            h.idle();
            assertThat(h.deadLetters.isEmpty()).as("nothing late").isTrue();
            return BatchReference.stream(h.readEntries(), h.read(h.rejections).stream().map(r -> (String) r.get("code")).toList());
        }
    }
}
