package io.regla.adapters.store.jdbc;

import io.regla.api.spi.DecisionLog;
import io.regla.store.tck.DecisionLogContract;

class PostgresDecisionLogTest extends DecisionLogContract {
    @Override
    protected DecisionLog decisionLog() {
        return TestDatabases.postgresStore().decisionLog();
    }
}
