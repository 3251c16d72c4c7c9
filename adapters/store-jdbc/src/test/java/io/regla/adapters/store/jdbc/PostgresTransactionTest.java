package io.regla.adapters.store.jdbc;

import io.regla.api.spi.Store;
import io.regla.store.tck.TransactionContract;

class PostgresTransactionTest extends TransactionContract {
    @Override
    protected Store store() {
        return TestDatabases.postgresStore();
    }
}
