package io.regla.adapters.store.dynamodb;

import io.regla.api.spi.Store;
import io.regla.store.tck.OutboxCrashProperties;

class DynamoDbOutboxCrashProperties extends OutboxCrashProperties {
    @Override
    protected Store store() {
        return LocalDynamoDb.store();
    }
}
