package io.regla.kafka;

import io.regla.kafka.LoyaltyEvents.Kind;
import io.regla.kafka.SyntheticEvents.Sourced;
import io.regla.rules.loyalty.CardTransaction;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The invariant the failure isolation promises: an event the engine cannot decide, wherever it falls in a
 * released batch, is the one dead letter, and every other event is decided as if it had never come.
 */
class FailureIsolationProperties {

    @Property(tries = 6)
    void oneFailingEventAnywhereIsTheOnlyDeadLetterAndChangesNothingElse(@ForAll @LongRange(min = 1, max = 1_000_000) long seed,
                                                                         @ForAll @IntRange(min = 0, max = 149) int at,
                                                                         @ForAll @IntRange(min = 1, max = 200) int tickEvery) throws Exception {
        SyntheticEvents data = SyntheticEvents.generate(10, 150, seed);
        Sourced next = data.events().get(at);
        String member = data.members().get(0).id(); // active: its purchase is scored, and the score overflows
        CardTransaction boom = new CardTransaction("BOOM", member, new BigDecimal("1e30"), "ARS", "FUEL", "POS", "X", next.at());
        List<Sourced> withBoom = new ArrayList<>(data.events());
        withBoom.add(at, new Sourced(Kind.TRANSACTION, "BOOM", member, next.at(), boom));

        Path state = Files.createTempDirectory("regla-kafka-isolation");
        BatchReference.Ledgers expected = BatchReference.batch(TopologyHarness.ENGINE, data, state.resolve("batch"));
        try (TopologyHarness h = new TopologyHarness(Duration.ofMinutes(5), state.resolve("stream"))) {
            data.members().forEach(h::member);
            for (int i = 0; i < withBoom.size(); i++) {
                h.send(withBoom.get(i));
                if (i % tickEvery == tickEvery - 1) h.tick();
            }
            h.idle();
            List<Map<String, Object>> dead = h.read(h.deadLetters);
            assertThat(dead).singleElement().satisfies(d -> {
                assertThat((String) d.get("record")).contains("\"id\":\"BOOM\"");
                assertThat((String) d.get("reason")).startsWith("cannot be decided: ");
            });
            BatchReference.Ledgers stream = BatchReference.stream(h.readEntries(),
                    h.read(h.rejections).stream().map(r -> (String) r.get("code")).toList());
            assertThat(stream).isEqualTo(expected);
        }
    }
}
