package io.regla.kafka;

import io.regla.rules.loyalty.Member;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The stream over a topic replayed from the beginning gives the batch processor's ledger, member by member. */
class ReplayEqualsBatchTest {

    @TempDir
    Path dir;

    @Test
    void replayFromTheBeginningEqualsTheBatchLedger() {
        SyntheticEvents data = SyntheticEvents.generate(200, 3_000, 42);
        BatchReference.Ledgers batch = BatchReference.batch(TopologyHarness.ENGINE, data, dir);
        BatchReference.Ledgers stream;
        try (TopologyHarness h = new TopologyHarness(Duration.ofMinutes(5), dir.resolve("state"))) {
            data.members().forEach(h::member);
            for (int i = 0; i < data.events().size(); i++) {
                h.send(data.events().get(i));
                if (i % 100 == 99) h.tick();
            }
            h.idle();
            stream = BatchReference.stream(h.readEntries(),
                    h.read(h.rejections).stream().map(r -> (String) r.get("code")).toList());
            assertThat(h.deadLetters.isEmpty()).isTrue();
        }
        assertThat(batch.entries()).hasSizeGreaterThan(150);
        assertThat(batch.rejectionsByCode()).containsKeys("MEMBER_NOT_ACTIVE", "INSUFFICIENT_POINTS");
        assertThat(stream.rejectionsByCode()).isEqualTo(batch.rejectionsByCode());
        for (Map.Entry<String, java.util.List<String>> e : batch.entries().entrySet()) {
            assertThat(stream.entries().get(e.getKey())).as("ledger of " + e.getKey()).isEqualTo(e.getValue());
        }
        assertThat(stream.entries().keySet()).isEqualTo(batch.entries().keySet());
        for (Member m : data.members()) {
            assertThat(stream.balance(m.id())).isEqualTo(batch.balance(m.id()));
        }
    }
}
