package io.regla.adapters.store.dynamodb;

import io.regla.rules.loyalty.ledger.PurchaseHistory;
import io.regla.store.tck.PurchaseHistoryContract;

class DynamoDbPurchaseHistoryTest extends PurchaseHistoryContract {
    @Override
    protected PurchaseHistory history() {
        return (PurchaseHistory) LocalDynamoDb.store().ledger();
    }
}
