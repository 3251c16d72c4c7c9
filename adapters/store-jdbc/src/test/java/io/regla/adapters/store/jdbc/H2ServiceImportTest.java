package io.regla.adapters.store.jdbc;

class H2ServiceImportTest extends ServiceImportContract {
    @Override
    JdbcStore store() {
        return TestDatabases.h2();
    }
}
