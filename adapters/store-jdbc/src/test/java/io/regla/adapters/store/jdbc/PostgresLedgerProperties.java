package io.regla.adapters.store.jdbc;

import io.regla.api.spi.Store;
import io.regla.store.tck.LedgerProperties;

class PostgresLedgerProperties extends LedgerProperties {
    @Override
    protected Store store() {
        return TestDatabases.postgresStore();
    }
}
