package io.regla.adapters.store.dynamodb;

import io.regla.rules.loyalty.ledger.LedgerStore;
import io.regla.store.tck.LedgerContract;

class DynamoDbLedgerTest extends LedgerContract {
    @Override
    protected LedgerStore store() {
        return LocalDynamoDb.store();
    }
}
