package io.regla.kafka;

import io.regla.kafka.SyntheticEvents.Sourced;
import io.regla.rules.loyalty.ledger.LedgerEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 100,000 events through a real single-node KRaft broker, exactly-once, four partitions: the ledger read back
 * from the entries topic (read_committed) equals the batch processor's on the same input, member by member.
 * Run with {@code mvn -B verify -Pbroker -pl adapters/kafka-streams -am}.
 */
class LoyaltyStreamBrokerIT {

    static final int PARTITIONS = 4;
    /** 100,000 by default (the figure); {@code -Dregla.kafka.it.events=N} for a quicker run on a busy machine. */
    static final int EVENTS = Integer.getInteger("regla.kafka.it.events", 100_000);

    @TempDir
    Path dir;

    @Test
    void oneHundredThousandEventsGiveTheBatchLedger() throws Exception {
        SyntheticEvents data = SyntheticEvents.generate(Math.max(100, EVENTS / 20), EVENTS, 2025);
        long batchStart = System.nanoTime();
        BatchReference.Ledgers batch = BatchReference.batch(TopologyHarness.ENGINE, data, dir);
        long batchNanos = System.nanoTime() - batchStart;
        long expectedEntries = batch.entries().values().stream().mapToLong(List::size).sum();
        long expectedRejections = batch.rejectionsByCode().values().stream().mapToLong(Long::longValue).sum();

        LoyaltyTopology.Topics topics = LoyaltyTopology.Topics.defaults();
        try (KraftBroker broker = KraftBroker.start(dir.resolve("kafka"))) {
            try (var admin = broker.admin()) {
                List<NewTopic> all = new ArrayList<>();
                for (String t : topics.inputs()) all.add(new NewTopic(t, PARTITIONS, (short) 1));
                for (String t : topics.outputs()) all.add(new NewTopic(t, PARTITIONS, (short) 1));
                admin.createTopics(all).all().get(60, TimeUnit.SECONDS);
            }
            produce(broker, topics, data);

            Properties config = LoyaltyStream.config(broker.bootstrapServers(), "regla-loyalty-it", dir.resolve("state"));
            config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2);
            LoyaltyTopology.Settings settings = LoyaltyTopology.Settings.defaults().withIdleFlush(Duration.ofSeconds(3));
            List<LedgerEntry> entries = new ArrayList<>();
            List<String> rejections = new ArrayList<>();
            long deadLetters;
            long streamStart = System.nanoTime();
            long streamNanos;
            try (LoyaltyStream stream = LoyaltyStream.start(TopologyHarness.ENGINE, settings, config);
                 KafkaConsumer<String, String> out = consumer(broker, "it-reader", "read_committed")) {
                out.subscribe(topics.outputs());
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(15);
                long dead = 0;
                while ((entries.size() < expectedEntries || rejections.size() < expectedRejections) && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, String> r : out.poll(Duration.ofMillis(500))) {
                        if (r.topic().equals(topics.ledgerEntries())) entries.add(LoyaltyEvents.read(r.value(), LedgerEntry.class));
                        else if (r.topic().equals(topics.rejections())) rejections.add((String) LoyaltyEvents.read(r.value(), Map.class).get("code"));
                        else dead++;
                    }
                }
                streamNanos = System.nanoTime() - streamStart;
                // anything produced twice would arrive now
                long quietUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (System.nanoTime() < quietUntil) {
                    for (ConsumerRecord<String, String> r : out.poll(Duration.ofMillis(500))) {
                        if (r.topic().equals(topics.ledgerEntries())) entries.add(LoyaltyEvents.read(r.value(), LedgerEntry.class));
                        else if (r.topic().equals(topics.rejections())) rejections.add((String) LoyaltyEvents.read(r.value(), Map.class).get("code"));
                        else dead++;
                    }
                }
                deadLetters = dead;
            }
            System.out.printf("kafka-streams IT: %d events, %d partitions: stream %.1f s (%.0f events/s, %.0f per partition), batch %.1f s (%.0f events/s)%n",
                    EVENTS, PARTITIONS, streamNanos / 1e9, EVENTS / (streamNanos / 1e9), EVENTS / (streamNanos / 1e9) / PARTITIONS,
                    batchNanos / 1e9, EVENTS / (batchNanos / 1e9));
            assertThat(deadLetters).isZero();
            BatchReference.Ledgers stream = BatchReference.stream(entries, rejections);
            assertThat(entries).hasSize((int) expectedEntries);
            assertThat(stream.rejectionsByCode()).isEqualTo(batch.rejectionsByCode());
            assertThat(stream.entries().keySet()).isEqualTo(batch.entries().keySet());
            for (var e : batch.entries().entrySet()) {
                assertThat(stream.entries().get(e.getKey())).as("ledger of " + e.getKey()).isEqualTo(e.getValue());
                assertThat(stream.balance(e.getKey())).isEqualTo(batch.balance(e.getKey()));
            }
        }
    }

    static void produce(KraftBroker broker, LoyaltyTopology.Topics topics, SyntheticEvents data) throws Exception {
        produce(broker, topics, data, List.of());
    }

    /** The members, then the events in time order, with {@code extras} in the middle of them. */
    static void produce(KraftBroker broker, LoyaltyTopology.Topics topics, SyntheticEvents data,
                        List<ProducerRecord<String, String>> extras) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        // a busy machine must slow the input down, not lose it: long timeouts, and every send's outcome checked below
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 120_000);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 600_000);
        // One request in flight per connection. With five (the default), a batch already appended whose answer was lost
        // (a connection dropped while the fresh broker settles) is sent again after later batches: the broker, which
        // remembers only its last five batches, answers OutOfOrderSequenceException ("0 (incoming seq. number), 879
        // (current end sequence number)"), the producer retries until the delivery timeout and the test fails after
        // 10 minutes (CI, 2 Dec 2026). With one in flight the resent batch is the last one and is answered as a duplicate.
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 262_144); // fewer, larger requests for the one-at-a-time sends
        java.util.concurrent.atomic.AtomicLong failed = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicReference<Exception> firstFailure = new java.util.concurrent.atomic.AtomicReference<>();
        org.apache.kafka.clients.producer.Callback checked = (metadata, e) -> {
            if (e != null) {
                failed.incrementAndGet();
                firstFailure.compareAndSet(null, e);
            }
        };
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            long enrolled = java.time.Instant.parse("2025-01-01T00:00:00Z").toEpochMilli();
            for (var m : data.members()) {
                producer.send(new ProducerRecord<>(topics.members(), null, enrolled, m.id(), LoyaltyEvents.write(m)), checked);
            }
            producer.flush();
            int n = 0;
            for (Sourced e : data.events()) {
                if (n++ == data.events().size() / 2) extras.forEach(r -> producer.send(r, checked));
                String topic = switch (e.kind()) {
                    case TRANSACTION -> topics.transactions();
                    case REFUND -> topics.refunds();
                    case REDEMPTION -> topics.redemptions();
                };
                producer.send(new ProducerRecord<>(topic, null, e.at().toInstant().toEpochMilli(), e.memberId(), e.json()), checked);
            }
            producer.flush();
        }
        if (failed.get() > 0) {
            throw new AssertionError("the test's input was not all written: " + failed.get() + " sends failed, the first with "
                    + firstFailure.get(), firstFailure.get());
        }
    }

    static KafkaConsumer<String, String> consumer(KraftBroker broker, String group, String isolation) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        return new KafkaConsumer<>(p);
    }
}
