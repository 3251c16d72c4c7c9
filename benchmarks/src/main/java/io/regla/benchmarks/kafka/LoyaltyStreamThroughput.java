package io.regla.benchmarks.kafka;

import io.regla.adapters.store.jdbc.JdbcStore;
import io.regla.api.RulesEngine;
import io.regla.core.Regla;
import io.regla.kafka.LoyaltyStream;
import io.regla.kafka.LoyaltyTopology;
import io.regla.kafka.SyntheticEvents;
import io.regla.rules.loyalty.LoyaltyProcessor;
import io.regla.rules.loyalty.Member;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Events per second through the loyalty topology on one partition (one task: its RocksDB stores, exactly-once
 * commits as the TopologyTestDriver simulates them, the decisions every 1,000 records), and the ratio to the
 * batch {@code LoyaltyProcessor} over the JDBC ledger (H2 file) on the same events. A timed harness, not JMH:
 * one run is seconds long, and warm-up is one smaller run of each first.
 *
 * <pre>benchmarks/run.sh kafka-stream [EVENTS] [ROUNDS]</pre>
 */
public final class LoyaltyStreamThroughput {

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        try (RulesEngine engine = Regla.builder().bundledRules().build()) {
            SyntheticEvents warm = SyntheticEvents.generate(200, 2_000, 1);
            batch(engine, warm);
            stream(engine, warm);
            SyntheticEvents data = SyntheticEvents.generate(Math.max(100, events / 20), events, 7);
            for (int r = 1; r <= rounds; r++) {
                double b = events / batch(engine, data);
                double s = events / stream(engine, data);
                System.out.printf("round %d: %,d events: stream %,.0f events/s per partition, batch %,.0f events/s, stream/batch %.2f%n",
                        r, events, s, b, s / b);
            }
        }
    }

    /** Seconds for the batch processor over a fresh JDBC (H2) ledger. */
    static double batch(RulesEngine engine, SyntheticEvents data) throws Exception {
        Path dir = Files.createTempDirectory("regla-bench-batch");
        Map<String, Member> members = data.members().stream().collect(Collectors.toMap(Member::id, Function.identity()));
        try (JdbcStore store = JdbcStore.h2(dir.resolve("ledger"), Clock.systemUTC())) {
            long t0 = System.nanoTime();
            LoyaltyProcessor.builder(engine, store.ledger()).members(members::get).build().process(data.values());
            return (System.nanoTime() - t0) / 1e9;
        }
    }

    /** Seconds for the topology on one partition, from the first event piped to the last one decided. */
    static double stream(RulesEngine engine, SyntheticEvents data) throws Exception {
        Path state = Files.createTempDirectory("regla-bench-stream");
        LoyaltyTopology.Settings settings = LoyaltyTopology.Settings.defaults().withIdleFlush(Duration.ofSeconds(10));
        LoyaltyTopology.Topics t = settings.topics();
        try (TopologyTestDriver driver = new TopologyTestDriver(LoyaltyTopology.build(engine, settings),
                LoyaltyStream.config("unused:9092", "bench", state), Instant.parse("2026-01-01T00:00:00Z"))) {
            StringSerializer s = new StringSerializer();
            var in = Map.of(
                    io.regla.kafka.LoyaltyEvents.Kind.TRANSACTION, driver.createInputTopic(t.transactions(), s, s),
                    io.regla.kafka.LoyaltyEvents.Kind.REFUND, driver.createInputTopic(t.refunds(), s, s),
                    io.regla.kafka.LoyaltyEvents.Kind.REDEMPTION, driver.createInputTopic(t.redemptions(), s, s));
            TestInputTopic<String, String> members = driver.createInputTopic(t.members(), s, s);
            data.members().forEach(m -> members.pipeInput(m.id(), io.regla.kafka.LoyaltyEvents.toJson(m, m.id())));
            var out = driver.createOutputTopic(t.ledgerEntries(), new StringDeserializer(), new StringDeserializer());
            long t0 = System.nanoTime();
            int n = 0;
            for (SyntheticEvents.Sourced e : data.events()) {
                in.get(e.kind()).pipeInput(e.memberId(), e.json(), e.at().toInstant());
                if (++n % 1_000 == 0) driver.advanceWallClockTime(Duration.ofSeconds(1));
            }
            driver.advanceWallClockTime(Duration.ofSeconds(11));
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (out.isEmpty()) throw new IllegalStateException("the topology wrote no ledger entry");
            return seconds;
        }
    }
}
