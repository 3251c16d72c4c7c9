package io.regla.rules.nursery.stores;

import io.regla.adapters.store.dynamodb.DynamoDbStore;
import io.regla.api.spi.Store;

class DynamoDbCommandCrashTest extends CommandCrashProperties {
    @Override
    protected Store crashingStore() {
        TestStores.dynamo(); // the table exists
        return DynamoDbStore.open(faults.dynamo(TestStores.dynamoClient()), "regla-nursery-test", CapacityProperties.CLOCK);
    }
}
