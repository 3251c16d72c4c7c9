package io.regla.adapters.store.dynamodb;

import io.regla.api.spi.Store;
import io.regla.store.tck.FactStoreProperties;

class DynamoDbFactStoreProperties extends FactStoreProperties {
    @Override
    protected Store store() {
        return LocalDynamoDb.store();
    }
}
