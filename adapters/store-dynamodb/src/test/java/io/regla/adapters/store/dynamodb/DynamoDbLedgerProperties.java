package io.regla.adapters.store.dynamodb;

import io.regla.api.spi.Store;
import io.regla.store.tck.LedgerProperties;

class DynamoDbLedgerProperties extends LedgerProperties {
    @Override
    protected Store store() {
        return LocalDynamoDb.store();
    }
}
