package io.regla.kafka;

import io.regla.kafka.LoyaltyEvents.Kind;
import io.regla.kafka.SyntheticEvents.Sourced;
import io.regla.rules.loyalty.CardTransaction;
import io.regla.rules.loyalty.ledger.LedgerEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exactly-once across crashes on a real KRaft broker: the stream is killed mid-transaction twice (a stream
 * thread dies of an {@link Error}), restarted with the same application id, first on the state directory the
 * crashed instance left, then on a wiped one, and finishes. A {@code read_committed} reader sees every
 * posting once and the batch processor's ledger; a poison pill and an event the engine fails on, in the
 * middle of the topics, are dead letters, once each. Run with {@code mvn -B verify -Pbroker -pl adapters/kafka-streams -am}.
 */
class LoyaltyStreamCrashBrokerIT {

    static final int PARTITIONS = 4;
    /** The timeouts allow for a machine shared by many builds (load ~40 on 2 cores), where a restart is slow. */
    static final int EVENTS = Integer.getInteger("regla.kafka.crash.events", 6_000);

    @TempDir
    Path dir;

    private final List<LedgerEntry> entries = new ArrayList<>();
    private final List<String> rejections = new ArrayList<>();
    private final List<Map<?, ?>> deadLetters = new ArrayList<>();

    @Test
    void killedMidStreamTwiceAndRestartedEveryPostingAppearsOnceAndTheLedgerIsTheBatchOne() throws Exception {
        SyntheticEvents data = SyntheticEvents.generate(Math.max(100, EVENTS / 20), EVENTS, 2026);
        BatchReference.Ledgers batch = BatchReference.batch(TopologyHarness.ENGINE, data, dir);
        long expectedEntries = batch.entries().values().stream().mapToLong(List::size).sum();
        long expectedRejections = batch.rejectionsByCode().values().stream().mapToLong(Long::longValue).sum();
        LoyaltyTopology.Topics topics = LoyaltyTopology.Topics.defaults();
        Sourced middle = data.events().get(data.events().size() / 2);
        CardTransaction boom = new CardTransaction("BOOM", middle.memberId(), new BigDecimal("1e30"), "ARS", "TRAVEL", "POS", "X", middle.at());
        List<ProducerRecord<String, String>> extras = List.of(
                new ProducerRecord<>(topics.transactions(), null, middle.at().toInstant().toEpochMilli(), middle.memberId(), "{\"id\":\"PILL\","),
                new ProducerRecord<>(topics.transactions(), null, middle.at().toInstant().toEpochMilli(), middle.memberId(),
                        new Sourced(Kind.TRANSACTION, "BOOM", middle.memberId(), middle.at(), boom).json()));

        try (KraftBroker broker = KraftBroker.start(dir.resolve("kafka"))) {
            try (var admin = broker.admin()) {
                List<NewTopic> all = new ArrayList<>();
                for (String t : topics.inputs()) all.add(new NewTopic(t, PARTITIONS, (short) 1));
                for (String t : topics.outputs()) all.add(new NewTopic(t, PARTITIONS, (short) 1));
                admin.createTopics(all).all().get(60, TimeUnit.SECONDS);
            }
            LoyaltyStreamBrokerIT.produce(broker, topics, data, extras);
            Path state = dir.resolve("state");
            Properties config = LoyaltyStream.config(broker.bootstrapServers(), "regla-loyalty-crash", state);
            config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2);
            LoyaltyTopology.Settings settings = LoyaltyTopology.Settings.defaults().withIdleFlush(Duration.ofSeconds(3));
            long started = System.nanoTime();
            try (KafkaConsumer<String, String> out = LoyaltyStreamBrokerIT.consumer(broker, "crash-reader", "read_committed")) {
                out.subscribe(topics.outputs());
                // 1: crash once a quarter of the postings are committed; the state directory stays as it was left
                // (commits every 2 s, so a crash finds postings sent in the open transaction: the aborted ones)
                Properties slowCommits = new Properties();
                slowCommits.putAll(config);
                slowCommits.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 2_000);
                long atFirstCrash = crash(new CrashingEngine(TopologyHarness.ENGINE), settings, slowCommits, out, expectedEntries / 4);
                // 2: restart on that directory, crash again past 60 %; then wipe the directory
                long atSecondCrash = crash(new CrashingEngine(TopologyHarness.ENGINE), settings, slowCommits, out, expectedEntries * 3 / 5);
                deleteRecursively(state);
                // 3: restart from the changelogs alone and finish
                try (LoyaltyStream stream = LoyaltyStream.start(TopologyHarness.ENGINE, settings, config)) {
                    poll(out, () -> entries.size() >= expectedEntries && rejections.size() >= expectedRejections
                            && deadLetters.size() >= 2, TimeUnit.MINUTES.toNanos(15));
                    // anything posted twice would arrive now
                    long quietUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                    poll(out, () -> System.nanoTime() > quietUntil, TimeUnit.SECONDS.toNanos(10));
                    assertThat(stream.state()).isEqualTo(KafkaStreams.State.RUNNING);
                }
                long uncommitted = countEntries(broker, topics);
                System.out.printf("kafka-streams crash IT: %d events, crashes at %d and %d of %d committed postings, "
                                + "%d postings in the log with aborted ones (read_uncommitted), %.1f s%n",
                        EVENTS, atFirstCrash, atSecondCrash, expectedEntries, uncommitted, (System.nanoTime() - started) / 1e9);
                assertThat(atFirstCrash).isPositive().isLessThan(atSecondCrash);
                assertThat(atSecondCrash).isLessThan(expectedEntries);
                assertThat(uncommitted).as("read_uncommitted sees the committed postings and the aborted ones, if any were sent")
                        .isGreaterThanOrEqualTo(expectedEntries);
            }
        }
        Set<String> keys = new HashSet<>();
        for (LedgerEntry e : entries) assertThat(keys.add(e.memberId() + "#" + e.entryNo())).as("posted once: " + e).isTrue();
        BatchReference.Ledgers stream = BatchReference.stream(entries, rejections);
        assertThat(entries).hasSize((int) expectedEntries);
        assertThat(stream.rejectionsByCode()).isEqualTo(batch.rejectionsByCode());
        assertThat(stream.entries()).isEqualTo(batch.entries());
        for (String member : batch.entries().keySet()) assertThat(stream.balance(member)).isEqualTo(batch.balance(member));
        assertThat(deadLetters).hasSize(2);
        deadLetters.sort(Comparator.comparing(d -> (String) d.get("reason")));
        assertThat((String) deadLetters.get(0).get("reason")).startsWith("cannot be decided: ").contains("Overflow");
        assertThat((String) deadLetters.get(0).get("record")).contains("\"id\":\"BOOM\"");
        assertThat((String) deadLetters.get(1).get("reason")).startsWith("malformed JSON at line 1");
        assertThat(deadLetters.get(1).get("record")).isEqualTo("{\"id\":\"PILL\",");
    }

    /** Runs an instance until it has crashed, arming its engine once {@code armAt} postings are committed. */
    private long crash(CrashingEngine engine, LoyaltyTopology.Settings settings, Properties config,
                       KafkaConsumer<String, String> out, long armAt) {
        long committed;
        try (LoyaltyStream stream = LoyaltyStream.start(engine, settings, config)) {
            poll(out, () -> entries.size() >= armAt, TimeUnit.MINUTES.toNanos(10));
            committed = entries.size();
            engine.arm();
            poll(out, () -> stream.state() == KafkaStreams.State.ERROR, TimeUnit.MINUTES.toNanos(5));
            assertThat(engine.crashed()).as("the stream thread died mid-stream").isTrue();
            assertThat(stream.state()).isEqualTo(KafkaStreams.State.ERROR);
        }
        return committed;
    }

    private void poll(KafkaConsumer<String, String> out, BooleanSupplier done, long timeoutNanos) {
        long deadline = System.nanoTime() + timeoutNanos;
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as("timed out: %d postings, %d rejections, %d dead letters so far",
                    entries.size(), rejections.size(), deadLetters.size()).isLessThan(deadline);
            for (ConsumerRecord<String, String> r : out.poll(Duration.ofMillis(200))) {
                if (r.topic().endsWith("ledger-entries")) entries.add(LoyaltyEvents.read(r.value(), LedgerEntry.class));
                else if (r.topic().endsWith("rejections")) rejections.add((String) LoyaltyEvents.read(r.value(), Map.class).get("code"));
                else deadLetters.add(LoyaltyEvents.read(r.value(), Map.class));
            }
        }
    }

    /** Every posting record in the log, aborted transactions' included. */
    private static long countEntries(KraftBroker broker, LoyaltyTopology.Topics topics) {
        long n = 0;
        try (KafkaConsumer<String, String> all = LoyaltyStreamBrokerIT.consumer(broker, "crash-uncommitted", "read_uncommitted")) {
            all.subscribe(List.of(topics.ledgerEntries()));
            long quiet = 0;
            while (quiet < 4) {
                int got = all.poll(Duration.ofMillis(500)).count();
                n += got;
                quiet = got == 0 ? quiet + 1 : 0;
            }
        }
        return n;
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
