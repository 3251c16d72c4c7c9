package io.regla.rules.nursery.stores;

import io.regla.adapters.store.dynamodb.DynamoDbStore;
import io.regla.adapters.store.jdbc.JdbcStore;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * One store per backend and test JVM, started on first use: an H2 file, an embedded PostgreSQL, DynamoDB Local.
 * Tests keep apart by using fresh ids (a campus per try).
 */
public final class TestStores {

    private static JdbcStore h2;
    private static EmbeddedPostgres postgres;
    private static JdbcStore postgresStore;
    private static AmazonDynamoDBLocal dynamoLocal;
    private static DynamoDbStore dynamo;

    private TestStores() {
    }

    public static synchronized JdbcStore h2() {
        if (h2 == null) {
            h2 = JdbcStore.h2(tempDir("h2").resolve("regla"), Clock.systemUTC());
        }
        return h2;
    }

    public static synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is exiting; the data directory is temporary
                }
            }));
        }
        return postgres;
    }

    public static synchronized JdbcStore postgresStore() {
        if (postgresStore == null) {
            postgresStore = JdbcStore.connect(postgres().getJdbcUrl("postgres", "postgres"), "postgres", null,
                    Clock.systemUTC());
        }
        return postgresStore;
    }

    public static synchronized software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamoClient() {
        dynamo();
        return dynamoLocal.dynamoDbClient();
    }

    public static synchronized DynamoDbStore dynamo() {
        if (dynamo == null) {
            dynamoLocal = DynamoDBEmbedded.create();
            Runtime.getRuntime().addShutdownHook(new Thread(dynamoLocal::shutdown));
            dynamo = DynamoDbStore.open(dynamoLocal.dynamoDbClient(), "regla-nursery-test", Clock.systemUTC())
                    .createTableIfMissing();
        }
        return dynamo;
    }

    public static Path tempDir(String prefix) {
        try {
            Path target = Path.of("target");
            Files.createDirectories(target);
            return Files.createTempDirectory(target, prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
