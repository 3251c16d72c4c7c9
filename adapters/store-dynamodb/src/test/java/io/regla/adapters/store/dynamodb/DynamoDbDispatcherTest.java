package io.regla.adapters.store.dynamodb;

import io.regla.api.spi.Store;
import io.regla.store.tck.DispatcherContract;

class DynamoDbDispatcherTest extends DispatcherContract {
    @Override
    protected Store store() {
        return LocalDynamoDb.store();
    }
}
