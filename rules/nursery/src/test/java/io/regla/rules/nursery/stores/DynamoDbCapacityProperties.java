package io.regla.rules.nursery.stores;

import io.regla.api.spi.Store;

class DynamoDbCapacityProperties extends CapacityProperties {
    @Override
    protected Store store() {
        return TestStores.dynamo();
    }
}
