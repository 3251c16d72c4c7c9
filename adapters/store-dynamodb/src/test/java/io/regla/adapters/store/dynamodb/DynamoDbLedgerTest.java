package io.regla.adapters.store.dynamodb;

import io.regla.api.spi.Store;
import io.regla.store.tck.LedgerContract;

class DynamoDbLedgerTest extends LedgerContract {
    @Override
    protected Store store() {
        return LocalDynamoDb.store();
    }
}
