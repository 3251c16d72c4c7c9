package io.regla.adapters.store.jdbc;

import io.regla.rules.loyalty.ledger.LedgerStore;
import io.regla.store.tck.LedgerContract;

class H2LedgerTest extends LedgerContract {
    @Override
    protected LedgerStore store() {
        return TestDatabases.h2();
    }
}
