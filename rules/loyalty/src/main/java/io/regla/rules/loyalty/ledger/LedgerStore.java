package io.regla.rules.loyalty.ledger;

import io.regla.api.spi.Store;

/** A store that also keeps the points {@link Ledger} (the JDBC and DynamoDB stores do). */
public interface LedgerStore extends Store {

    Ledger ledger();
}
