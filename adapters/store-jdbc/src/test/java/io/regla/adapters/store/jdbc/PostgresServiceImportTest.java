package io.regla.adapters.store.jdbc;

class PostgresServiceImportTest extends ServiceImportContract {
    @Override
    JdbcStore store() {
        return TestDatabases.postgresStore();
    }
}
