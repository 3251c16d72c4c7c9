package io.regla.adapters.store.jdbc;

import io.regla.api.spi.Store;
import io.regla.store.tck.DispatcherContract;

class H2DispatcherTest extends DispatcherContract {
    @Override
    protected Store store() {
        return TestDatabases.h2();
    }
}
