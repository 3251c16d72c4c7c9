package io.regla.adapters.store.dynamodb;

import io.regla.rules.loyalty.ledger.LedgerStore;
import io.regla.store.tck.LedgerProperties;

class DynamoDbLedgerProperties extends LedgerProperties {
    @Override
    protected LedgerStore store() {
        return LocalDynamoDb.store();
    }
}
