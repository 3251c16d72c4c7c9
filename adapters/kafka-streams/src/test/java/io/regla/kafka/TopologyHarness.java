package io.regla.kafka;

import io.regla.api.RulesEngine;
import io.regla.core.Regla;
import io.regla.rules.loyalty.Member;
import io.regla.rules.loyalty.ledger.LedgerEntry;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** A {@link TopologyTestDriver} around the loyalty topology, its topics at hand. */
final class TopologyHarness implements AutoCloseable {

    /** One engine for every test: compiling the loyalty versions is the slow part. */
    static final RulesEngine ENGINE = Regla.builder().bundledRules().build();

    final TopologyTestDriver driver;
    final LoyaltyTopology.Topics topics = LoyaltyTopology.Topics.defaults();
    final TestInputTopic<String, String> transactions;
    final TestInputTopic<String, String> refunds;
    final TestInputTopic<String, String> redemptions;
    final TestInputTopic<String, String> members;
    final TestOutputTopic<String, String> entries;
    final TestOutputTopic<String, String> rejections;
    final TestOutputTopic<String, String> deadLetters;

    TopologyHarness(Duration grace, Path stateDir) {
        this(ENGINE, LoyaltyTopology.Settings.defaults().withGrace(grace), stateDir, StreamsConfig.EXACTLY_ONCE_V2);
    }

    /**
     * @param guarantee exactly-once as deployed; at-least-once where a test reads what the deserialization
     *                  handler sends (the test driver's simulated transactions drop those records; a real
     *                  broker keeps them, see {@code LoyaltyStreamCrashBrokerIT})
     */
    TopologyHarness(RulesEngine engine, LoyaltyTopology.Settings settings, Path stateDir, String guarantee) {
        Properties p = LoyaltyStream.config("unused:9092", "loyalty-test", stateDir);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
        driver = new TopologyTestDriver(LoyaltyTopology.build(engine, settings.withIdleFlush(Duration.ofSeconds(10))), p,
                Instant.parse("2026-01-01T00:00:00Z"));
        StringSerializer s = new StringSerializer();
        StringDeserializer d = new StringDeserializer();
        transactions = driver.createInputTopic(topics.transactions(), s, s);
        refunds = driver.createInputTopic(topics.refunds(), s, s);
        redemptions = driver.createInputTopic(topics.redemptions(), s, s);
        members = driver.createInputTopic(topics.members(), s, s);
        entries = driver.createOutputTopic(topics.ledgerEntries(), d, d);
        rejections = driver.createOutputTopic(topics.rejections(), d, d);
        deadLetters = driver.createOutputTopic(topics.deadLetters(), d, d);
    }

    void member(Member m) {
        members.pipeInput(m.id(), LoyaltyEvents.write(m));
    }

    void send(SyntheticEvents.Sourced e) {
        TestInputTopic<String, String> topic = switch (e.kind()) {
            case TRANSACTION -> transactions;
            case REFUND -> refunds;
            case REDEMPTION -> redemptions;
        };
        topic.pipeInput(e.memberId(), e.json(), e.at().toInstant());
    }

    /** One punctuation: what is due (past the grace) is decided. */
    void tick() {
        driver.advanceWallClockTime(Duration.ofSeconds(1));
    }

    /** Past the idle period: the wall-clock punctuator decides what is still buffered. */
    void idle() {
        driver.advanceWallClockTime(Duration.ofSeconds(11));
    }

    List<LedgerEntry> readEntries() {
        return entries.readValuesToList().stream().map(j -> LoyaltyEvents.read(j, LedgerEntry.class)).toList();
    }

    List<Map<String, Object>> read(TestOutputTopic<String, String> topic) {
        return topic.readValuesToList().stream()
                .map(j -> LoyaltyEvents.read(j, new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { })).toList();
    }

    @Override
    public void close() {
        driver.close();
    }
}
