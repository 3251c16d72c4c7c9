package io.regla.adapters.store.jdbc;

import io.regla.api.spi.Store;
import io.regla.store.tck.StoreContract;

class PostgresStoreTest extends StoreContract {
    @Override
    protected Store store() {
        return TestDatabases.postgresStore();
    }
}
