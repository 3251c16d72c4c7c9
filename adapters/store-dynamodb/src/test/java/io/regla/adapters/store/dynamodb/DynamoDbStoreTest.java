package io.regla.adapters.store.dynamodb;

import io.regla.api.spi.Store;
import io.regla.store.tck.StoreContract;

class DynamoDbStoreTest extends StoreContract {
    @Override
    protected Store store() {
        return LocalDynamoDb.store();
    }
}
