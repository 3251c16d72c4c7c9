package io.regla.kafka;

import io.regla.api.RulesEngine;
import io.regla.kafka.LoyaltyEvents.Kind;
import io.regla.rules.loyalty.Campaign;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The loyalty topology: the three event topics and the members topic (all keyed by member id and partitioned
 * alike) into one processor whose RocksDB stores are changelogged, and three output topics: ledger entries,
 * rejections and dead letters.
 */
public final class LoyaltyTopology {

    static final String SOURCE = "loyalty-events";
    static final String PROCESSOR = "loyalty-decide";
    static final String POSTINGS_SINK = "ledger-entries";
    static final String REJECTIONS_SINK = "rejections";
    static final String DEAD_LETTERS_SINK = "dead-letters";
    public static final String BUFFER_STORE = "loyalty-buffer";
    public static final String LEDGER_STORE = "loyalty-ledger";
    public static final String PURCHASES_STORE = "loyalty-purchases";
    public static final String MEMBERS_STORE = "loyalty-members";
    public static final String DECIDED_STORE = "loyalty-decided";
    public static final String MARKS_STORE = "loyalty-marks";
    /** Purchases and decided marks by event time: what {@link Retention} prunes. */
    public static final String EXPIRY_STORE = "loyalty-expiry";
    /**
     * How long purchases (a refund finds its purchase there) and decided marks are kept, in event time. The
     * loyalty rules accept a refund at any age, so no window in the rules bounds it; a purchase's points live
     * at most 10 pending days + 24 months (accrual-terms.csv, 741 days), and 800 days keeps every purchase
     * while its lot can still hold points. A refund of a purchase pruned before it is rejected as
     * UNKNOWN_TRANSACTION, where the batch (which keeps every purchase) would reverse points.
     */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(800);

    private LoyaltyTopology() {
    }

    /** Topic names; every input topic must have the same number of partitions (co-partitioned by member id). */
    public record Topics(String transactions, String refunds, String redemptions, String members,
                         String ledgerEntries, String rejections, String deadLetters) {

        public static Topics defaults() {
            return new Topics("loyalty.transactions", "loyalty.refunds", "loyalty.redemptions", "loyalty.members",
                    "loyalty.ledger-entries", "loyalty.rejections", "loyalty.dead-letters");
        }

        public List<String> inputs() {
            return List.of(transactions, refunds, redemptions, members);
        }

        public List<String> outputs() {
            return List.of(ledgerEntries, rejections, deadLetters);
        }

        String topicOf(Kind kind) {
            return switch (kind) {
                case TRANSACTION -> transactions;
                case REFUND -> refunds;
                case REDEMPTION -> redemptions;
            };
        }

        Kind kindOf(String topic) {
            if (topic.equals(transactions)) return Kind.TRANSACTION;
            if (topic.equals(refunds)) return Kind.REFUND;
            if (topic.equals(redemptions)) return Kind.REDEMPTION;
            throw new IllegalStateException("record from unexpected topic " + topic);
        }
    }

    /**
     * @param grace     how far behind the partition's latest event time an event may arrive and still be
     *                  decided in order; later ones are dead letters
     * @param idleFlush after this long without a record, the buffer is decided whole (the tail of a quiet partition)
     * @param campaigns the campaigns the rules see (as the batch processor is given them)
     * @param retention how long, in event time behind what is decided, purchases and decided marks are kept
     *                  (default {@link #DEFAULT_RETENTION})
     */
    public record Settings(Topics topics, Duration grace, Duration idleFlush, List<Campaign> campaigns, Duration retention) {
        public Settings {
            Objects.requireNonNull(topics, "topics");
            if (grace.isNegative()) throw new IllegalArgumentException("grace must not be negative: " + grace);
            if (idleFlush.isNegative() || idleFlush.isZero()) throw new IllegalArgumentException("idleFlush must be positive: " + idleFlush);
            if (retention.isNegative() || retention.isZero()) throw new IllegalArgumentException("retention must be positive: " + retention);
            campaigns = List.copyOf(campaigns);
        }

        public static Settings defaults() {
            return new Settings(Topics.defaults(), Duration.ofMinutes(5), Duration.ofSeconds(30), List.of(), DEFAULT_RETENTION);
        }

        public Settings withTopics(Topics topics) {
            return new Settings(topics, grace, idleFlush, campaigns, retention);
        }

        public Settings withGrace(Duration grace) {
            return new Settings(topics, grace, idleFlush, campaigns, retention);
        }

        public Settings withIdleFlush(Duration idleFlush) {
            return new Settings(topics, grace, idleFlush, campaigns, retention);
        }

        public Settings withRetention(Duration retention) {
            return new Settings(topics, grace, idleFlush, campaigns, retention);
        }
    }

    /** The topology; {@code engine} is the instance's one engine, shared by its tasks (it is thread-safe). */
    public static Topology build(RulesEngine engine, Settings settings) {
        return build(engine, settings, Clock.systemUTC());
    }

    static Topology build(RulesEngine engine, Settings settings, Clock clock) {
        Objects.requireNonNull(engine, "engine");
        Topics t = settings.topics();
        Topology topology = new Topology();
        // values must be well-formed JSON: a poison pill fails deserialization and goes to the DeadLetterHandler
        topology.addSource(SOURCE, Serdes.String().deserializer(), new JsonText(),
                t.inputs().toArray(String[]::new));
        topology.addProcessor(PROCESSOR, () -> new LoyaltyEventProcessor(engine, settings, clock), SOURCE);
        topology.addStateStore(store(BUFFER_STORE), PROCESSOR);
        topology.addStateStore(store(LEDGER_STORE), PROCESSOR);
        topology.addStateStore(store(PURCHASES_STORE), PROCESSOR);
        topology.addStateStore(store(MEMBERS_STORE), PROCESSOR);
        topology.addStateStore(store(DECIDED_STORE), PROCESSOR);
        topology.addStateStore(store(EXPIRY_STORE), PROCESSOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(MARKS_STORE),
                Serdes.String(), Serdes.Long()), PROCESSOR);
        topology.addSink(POSTINGS_SINK, t.ledgerEntries(), Serdes.String().serializer(), Serdes.String().serializer(), PROCESSOR);
        topology.addSink(REJECTIONS_SINK, t.rejections(), Serdes.String().serializer(), Serdes.String().serializer(), PROCESSOR);
        topology.addSink(DEAD_LETTERS_SINK, t.deadLetters(), Serdes.String().serializer(), Serdes.String().serializer(), PROCESSOR);
        return topology;
    }

    /** A RocksDB store, changelogged (the default), so a task moved to another instance resumes where it was. */
    private static StoreBuilder<KeyValueStore<String, String>> store(String name) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), Serdes.String());
    }
}
