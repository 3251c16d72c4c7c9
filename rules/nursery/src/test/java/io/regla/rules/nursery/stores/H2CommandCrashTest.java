package io.regla.rules.nursery.stores;

import io.regla.adapters.store.jdbc.JdbcStore;
import io.regla.api.spi.Store;
import org.h2.jdbcx.JdbcDataSource;

import java.util.UUID;

class H2CommandCrashTest extends CommandCrashProperties {
    @Override
    protected Store crashingStore() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return JdbcStore.open(faults.jdbc(ds), CapacityProperties.CLOCK);
    }
}
