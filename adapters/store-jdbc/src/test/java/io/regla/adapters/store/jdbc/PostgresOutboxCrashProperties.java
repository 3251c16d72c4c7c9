package io.regla.adapters.store.jdbc;

import io.regla.api.spi.Store;
import io.regla.store.tck.OutboxCrashProperties;

class PostgresOutboxCrashProperties extends OutboxCrashProperties {
    @Override
    protected Store store() {
        return TestDatabases.postgresStore();
    }
}
