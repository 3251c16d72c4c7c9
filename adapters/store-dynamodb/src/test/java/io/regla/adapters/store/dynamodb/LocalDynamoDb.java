package io.regla.adapters.store.dynamodb;

import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;

import java.time.Clock;

/** One in-process DynamoDB Local per test JVM, and one store table on it. */
final class LocalDynamoDb {

    private static AmazonDynamoDBLocal local;
    private static DynamoDbStore store;

    private LocalDynamoDb() {
    }

    static synchronized software.amazon.awssdk.services.dynamodb.DynamoDbClient client() {
        store();
        return local.dynamoDbClient();
    }

    static synchronized DynamoDbStore store() {
        if (store == null) {
            local = DynamoDBEmbedded.create();
            Runtime.getRuntime().addShutdownHook(new Thread(local::shutdown));
            store = DynamoDbStore.open(local.dynamoDbClient(), "regla-test", Clock.systemUTC()).createTableIfMissing();
        }
        return store;
    }
}
