package io.regla.examples.loyalty;

import io.regla.adapters.store.jdbc.DeferredLedgerIndexes;
import io.regla.adapters.store.jdbc.JdbcStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code regla loyalty repair-indexes}: builds the ledger indexes a migration that did not finish left dropped, without
 * running the migration again. Nothing left dropped: nothing done (exit 0), so it can be run any time.
 */
@Command(name = "repair-indexes", description = "Build the ledger's indexes that a migration killed during its replay left dropped "
        + "(the migration builds them itself when run again). Does nothing when none is missing; refused while a migration runs.")
final class LoyaltyRepairIndexesCommand implements Callable<Integer> {

    @Mixin
    LoyaltyStoreOptions options = new LoyaltyStoreOptions();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        // refused while a migration runs (a StoreException: "regla: …", exit 2)
        try (JdbcStore store = options.open()) {
            List<String> built = DeferredLedgerIndexes.of(store).build();
            out.println(built.isEmpty() ? "no ledger index to build: none was left dropped by a migration"
                    : "built the ledger's index" + (built.size() == 1 ? " " : "es ") + UnfinishedMigrationNotice.names(built));
            out.flush();
            return 0;
        }
    }
}
