package io.regla.adapters.store.jdbc;

import io.regla.rules.loyalty.ledger.LedgerStore;
import io.regla.store.tck.LedgerContract;

class PostgresLedgerTest extends LedgerContract {
    @Override
    protected LedgerStore store() {
        return TestDatabases.postgresStore();
    }
}
