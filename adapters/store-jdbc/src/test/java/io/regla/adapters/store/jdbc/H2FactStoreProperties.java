package io.regla.adapters.store.jdbc;

import io.regla.api.spi.Store;
import io.regla.store.tck.FactStoreProperties;

class H2FactStoreProperties extends FactStoreProperties {
    @Override
    protected Store store() {
        return TestDatabases.h2();
    }
}
