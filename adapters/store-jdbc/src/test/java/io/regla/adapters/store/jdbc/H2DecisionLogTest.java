package io.regla.adapters.store.jdbc;

import io.regla.api.spi.DecisionLog;
import io.regla.store.tck.DecisionLogContract;

class H2DecisionLogTest extends DecisionLogContract {
    @Override
    protected DecisionLog decisionLog() {
        return TestDatabases.h2().decisionLog();
    }
}
