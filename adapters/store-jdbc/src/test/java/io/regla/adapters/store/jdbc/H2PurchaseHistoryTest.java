package io.regla.adapters.store.jdbc;

import io.regla.rules.loyalty.ledger.PurchaseHistory;
import io.regla.store.tck.PurchaseHistoryContract;

class H2PurchaseHistoryTest extends PurchaseHistoryContract {
    @Override
    protected PurchaseHistory history() {
        return (PurchaseHistory) TestDatabases.h2().ledger();
    }
}
