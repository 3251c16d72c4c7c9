package io.regla.adapters.store.jdbc;

import io.regla.rules.loyalty.ledger.LedgerStore;
import io.regla.store.tck.LedgerProperties;

class PostgresLedgerProperties extends LedgerProperties {
    @Override
    protected LedgerStore store() {
        return TestDatabases.postgresStore();
    }
}
