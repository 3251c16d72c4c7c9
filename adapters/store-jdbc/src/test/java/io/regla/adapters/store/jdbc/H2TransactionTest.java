package io.regla.adapters.store.jdbc;

import io.regla.api.spi.Store;
import io.regla.store.tck.TransactionContract;

class H2TransactionTest extends TransactionContract {
    @Override
    protected Store store() {
        return TestDatabases.h2();
    }
}
