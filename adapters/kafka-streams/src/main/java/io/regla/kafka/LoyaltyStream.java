package io.regla.kafka;

import io.regla.api.RulesEngine;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Properties;

/**
 * Runs the loyalty topology on a cluster: exactly-once v2, one engine per instance (its tasks share it).
 * The engine's rules folder is watched, so a new loyalty version dropped there is picked up by every
 * instance without a restart; events are decided by the version effective at their own time.
 */
public final class LoyaltyStream implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LoyaltyStream.class);

    private final KafkaStreams streams;

    private LoyaltyStream(KafkaStreams streams) {
        this.streams = streams;
    }

    /** The Streams configuration this adapter runs with; callers may add to it (threads, standby replicas, state dir). */
    public static Properties config(String bootstrapServers, String applicationId, Path stateDir) {
        Properties p = new Properties();
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, Objects.requireNonNull(bootstrapServers, "bootstrapServers"));
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, Objects.requireNonNull(applicationId, "applicationId"));
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        if (stateDir != null) p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        // poison pills (not JSON) to the dead letters, the stream goes on; start() names the settings' topic
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class.getName());
        p.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, LoyaltyTopology.Topics.defaults().deadLetters());
        return p;
    }

    /** Starts the topology; {@link #close()} stops it (the engine stays the caller's). */
    public static LoyaltyStream start(RulesEngine engine, LoyaltyTopology.Settings settings, Properties config) {
        Properties p = new Properties();
        p.putAll(config);
        p.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, settings.topics().deadLetters());
        KafkaStreams streams = new KafkaStreams(LoyaltyTopology.build(engine, settings), p);
        // a thread that dies (not a bad record: those are dead letters) stops the instance; exactly-once aborts
        // its open transaction and the other instances, or a restart, take its tasks over from the last commit
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("loyalty stream stops: {} in a stream thread", e.getClass().getName());
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.start();
        return new LoyaltyStream(streams);
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    public KafkaStreams streams() {
        return streams;
    }

    @Override
    public void close() {
        streams.close(java.time.Duration.ofSeconds(30));
    }
}
