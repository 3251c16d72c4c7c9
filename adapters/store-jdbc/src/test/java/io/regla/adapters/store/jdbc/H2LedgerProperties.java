package io.regla.adapters.store.jdbc;

import io.regla.api.spi.Store;
import io.regla.store.tck.LedgerProperties;

class H2LedgerProperties extends LedgerProperties {
    @Override
    protected Store store() {
        return TestDatabases.h2();
    }
}
