package io.regla.rules.nursery.stores;

import io.regla.adapters.store.jdbc.JdbcStore;
import io.regla.api.spi.Store;

class PostgresCommandCrashTest extends CommandCrashProperties {
    @Override
    protected Store crashingStore() {
        TestStores.postgresStore(); // migrated once
        return JdbcStore.open(faults.jdbc(TestStores.postgres().getPostgresDatabase()), CapacityProperties.CLOCK);
    }
}
