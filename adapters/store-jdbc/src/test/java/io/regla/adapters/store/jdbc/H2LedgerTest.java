package io.regla.adapters.store.jdbc;

import io.regla.api.spi.Store;
import io.regla.store.tck.LedgerContract;

class H2LedgerTest extends LedgerContract {
    @Override
    protected Store store() {
        return TestDatabases.h2();
    }
}
