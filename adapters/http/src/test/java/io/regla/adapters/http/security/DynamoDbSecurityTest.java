package io.regla.adapters.http.security;

import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;
import io.regla.adapters.store.dynamodb.DynamoDbStore;
import io.regla.api.spi.Store;

/** The security suite on DynamoDB Local (in-process): users, tokens and sessions are facts there too. */
class DynamoDbSecurityTest extends SecuritySuite {
    @Override
    Store store() {
        var local = DynamoDBEmbedded.create();
        Runtime.getRuntime().addShutdownHook(new Thread(local::shutdown));
        return DynamoDbStore.open(local.dynamoDbClient(), "regla-http-test", io.regla.adapters.http.TestApp.CLOCK).createTableIfMissing();
    }
}
