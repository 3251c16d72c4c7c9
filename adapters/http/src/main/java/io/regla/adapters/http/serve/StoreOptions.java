package io.regla.adapters.http.serve;

import io.regla.adapters.store.dynamodb.DynamoDbStore;
import io.regla.adapters.store.jdbc.JdbcStore;
import io.regla.api.spi.Store;
import io.regla.cli.CliException;
import picocli.CommandLine.Option;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * Which store a command opens: {@code --store jdbc} (the H2 file {@code --db}, default) or {@code --store dynamodb}
 * (table {@code REGLA_DYNAMODB_TABLE}, default {@code regla}, created when missing; region {@code AWS_REGION}; endpoint
 * {@code REGLA_DYNAMODB_ENDPOINT} for DynamoDB Local; credentials the AWS SDK's usual chain).
 */
public final class StoreOptions {

    public enum Kind { jdbc, dynamodb }

    static final String ENV_ENDPOINT = "REGLA_DYNAMODB_ENDPOINT";
    static final String ENV_TABLE = "REGLA_DYNAMODB_TABLE";
    static final String ENV_REGION = "AWS_REGION";

    @Option(names = "--store", defaultValue = "jdbc", paramLabel = "jdbc|dynamodb",
            description = "The store: jdbc (the H2 file --db) or dynamodb (REGLA_DYNAMODB_TABLE, AWS_REGION, REGLA_DYNAMODB_ENDPOINT). Default ${DEFAULT-VALUE}.")
    Kind kind = Kind.jdbc;

    @Option(names = "--db", defaultValue = ".regla/regla", paramLabel = "FILE",
            description = "The H2 store file (without .mv.db), created on first use. Default ${DEFAULT-VALUE}.")
    Path db = Path.of(".regla/regla");

    /** An opened store and what closes it (a DynamoDB store leaves its client to the caller: closed here too). */
    record Opened(Store store, String description, AutoCloseable extra) implements AutoCloseable {
        @Override
        public void close() {
            store.close();
            if (extra != null) {
                try {
                    extra.close();
                } catch (Exception e) {
                    // closing an HTTP client: nothing to do about it
                }
            }
        }
    }

    Opened open(Clock clock, Map<String, String> env) {
        if (kind == Kind.dynamodb) {
            var builder = DynamoDbClient.builder();
            String region = env.get(ENV_REGION);
            if (region != null && !region.isBlank()) {
                builder.region(Region.of(region));
            }
            String endpoint = env.get(ENV_ENDPOINT);
            if (endpoint != null && !endpoint.isBlank()) {
                builder.endpointOverride(URI.create(endpoint));
                if (region == null || region.isBlank()) {
                    builder.region(Region.US_EAST_1);   // DynamoDB Local ignores it, the SDK wants one
                }
            }
            DynamoDbClient client;
            try {
                client = builder.build();
            } catch (RuntimeException e) {
                throw new CliException("--store dynamodb: " + e.getMessage() + " (set " + ENV_REGION + ", and "
                        + ENV_ENDPOINT + " for DynamoDB Local)");
            }
            String table = env.getOrDefault(ENV_TABLE, "regla");
            return new Opened(DynamoDbStore.open(client, table, clock).createTableIfMissing(),
                    "DynamoDB table " + table + (endpoint == null ? "" : " at " + endpoint), client);
        }
        return new Opened(JdbcStore.h2(db, clock), "H2 " + db, null);
    }
}
