package io.regla.kafka;

import io.regla.api.RulesEngine;
import io.regla.core.Regla;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code regla loyalty stream}: runs the loyalty topology until stopped (Ctrl-C, SIGTERM). */
@Command(name = "stream", mixinStandardHelpOptions = true, description = "Decide loyalty events from Kafka (exactly-once) into ledger-entry, rejection and dead-letter topics.")
public final class LoyaltyStreamCommand implements Callable<Integer> {

    @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOST:PORT", description = "The Kafka brokers.")
    String bootstrapServers;

    @Option(names = "--application-id", defaultValue = "regla-loyalty", description = "Kafka Streams application id (default ${DEFAULT-VALUE}); instances with the same id share the partitions.")
    String applicationId;

    @Option(names = "--rules", paramLabel = "DIR", description = "Rules folder (watched: a new loyalty version is picked up without a restart); default the bundled rule sets.")
    Path rules;

    @Option(names = "--grace", defaultValue = "PT5M", description = "How late an event may arrive and still be decided in order (ISO-8601, default ${DEFAULT-VALUE}).")
    Duration grace;

    @Option(names = "--retention", defaultValue = "P800D", description = "How long purchases (for their refunds) and decided marks are kept, in event time (ISO-8601, default ${DEFAULT-VALUE}).")
    Duration retention;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "Where the RocksDB stores live (default Kafka Streams').")
    Path stateDir;

    @Override
    public Integer call() throws Exception {
        if (rules != null && !Files.isDirectory(rules)) {
            throw new IllegalArgumentException("--rules " + rules + " is not a directory");
        }
        Regla.Builder b = Regla.builder();
        if (rules != null) b.rulesDirectory(rules).watch(true);
        else b.bundledRules();
        CountDownLatch stopped = new CountDownLatch(1);
        try (RulesEngine engine = b.build();
             LoyaltyStream stream = LoyaltyStream.start(engine,
                     LoyaltyTopology.Settings.defaults().withGrace(grace).withRetention(retention),
                     LoyaltyStream.config(bootstrapServers, applicationId, stateDir))) {
            stream.streams().setStateListener((now, before) -> {
                if (now == org.apache.kafka.streams.KafkaStreams.State.ERROR
                        || now == org.apache.kafka.streams.KafkaStreams.State.NOT_RUNNING) stopped.countDown();
            });
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "regla-loyalty-stream-stop"));
            System.out.println("regla loyalty stream: " + applicationId + " on " + bootstrapServers + " (Ctrl-C stops)");
            stopped.await();
            return stream.state() == org.apache.kafka.streams.KafkaStreams.State.ERROR ? 3 : 0;
        }
    }
}
