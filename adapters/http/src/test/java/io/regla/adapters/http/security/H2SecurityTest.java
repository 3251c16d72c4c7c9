package io.regla.adapters.http.security;

import io.regla.adapters.store.jdbc.JdbcStore;
import io.regla.api.spi.Store;
import org.h2.jdbcx.JdbcDataSource;

import java.util.UUID;

/** The security suite on H2. */
class H2SecurityTest extends SecuritySuite {
    @Override
    Store store() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return JdbcStore.open(ds, io.regla.adapters.http.TestApp.CLOCK);
    }
}
