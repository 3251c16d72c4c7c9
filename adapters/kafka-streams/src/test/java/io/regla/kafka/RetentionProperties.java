package io.regla.kafka;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Pruning keeps exactly the entries within the retention behind the decided mark, whatever the times. */
class RetentionProperties {

    @Property(tries = 200)
    void pruningKeepsExactlyWhatIsWithinTheRetention(@ForAll @Size(max = 40) List<@LongRange(min = -5_000, max = 5_000) Long> times,
                                                     @ForAll @IntRange(min = 1, max = 3_000) int retentionMs,
                                                     @ForAll @LongRange(min = -6_000, max = 6_000) long decidedUpTo) {
        KeyValueStore<String, String> index = store("index");
        KeyValueStore<String, String> purchases = store("purchases");
        KeyValueStore<String, String> decided = store("decided");
        Retention retention = new Retention(index, purchases, decided, Duration.ofMillis(retentionMs));
        Map<String, Long> at = new HashMap<>();
        for (int i = 0; i < times.size(); i++) {
            String id = "T|" + i; // ids may hold the key separator
            at.put(id, times.get(i));
            purchases.put(id, "p");
            decided.put(id, "d");
            retention.purchase(id, Instant.ofEpochMilli(times.get(i)));
            retention.decided(id, times.get(i));
        }
        int pruned = retention.prune(decidedUpTo);
        Map<String, Long> kept = at.entrySet().stream().filter(e -> e.getValue() > decidedUpTo - retentionMs)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(pruned).isEqualTo(2 * (at.size() - kept.size()));
        for (String id : at.keySet()) {
            assertThat(purchases.get(id) != null).as(id).isEqualTo(kept.containsKey(id));
            assertThat(decided.get(id) != null).as(id).isEqualTo(kept.containsKey(id));
        }
        assertThat(RetentionTest.count(index)).isEqualTo(2L * kept.size());
        assertThat(retention.prune(decidedUpTo)).as("pruning again finds nothing").isZero();
    }

    private static KeyValueStore<String, String> store(String name) {
        KeyValueStore<String, String> s = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), Serdes.String())
                .withLoggingDisabled().build();
        s.init(new MockProcessorContext<>().getStateStoreContext(), s);
        return s;
    }
}
