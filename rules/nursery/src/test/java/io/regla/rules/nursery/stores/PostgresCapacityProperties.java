package io.regla.rules.nursery.stores;

import io.regla.api.spi.Store;

class PostgresCapacityProperties extends CapacityProperties {
    @Override
    protected Store store() {
        return TestStores.postgresStore();
    }
}
