package io.regla.rules.nursery.stores;

import io.regla.api.spi.Store;

class H2CapacityProperties extends CapacityProperties {
    @Override
    protected Store store() {
        return TestStores.h2();
    }
}
