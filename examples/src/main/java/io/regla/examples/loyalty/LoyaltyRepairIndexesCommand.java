package io.regla.examples.loyalty;

import io.regla.adapters.store.jdbc.DeferredLedgerIndexes;
import io.regla.adapters.store.jdbc.JdbcStore;
import io.regla.adapters.store.jdbc.MigrationH2Cache;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code regla loyalty repair-indexes}: builds the indexes a migration that did not finish left dropped (the ledger's expiry
 * index and posting key, dropped during the replay: without the key the ledger accepts no posting; the migration tables'
 * member indexes, dropped during the load), without running the migration again, and puts back the embedded H2's page
 * cache it left raised. Nothing left: nothing done
 * (exit 0), so it can be run any time.
 */
@Command(name = "repair-indexes", description = "Build the indexes that a killed migration left dropped (the ledger's expiry index, the ledger's "
        + "posting key, without which no posting is accepted; the migration tables' member indexes) "
        + "(the migration builds them itself when run again), and put back the H2 page cache a killed migration left raised. "
        + "Does nothing when nothing is left; refused while a migration runs. A source posted twice stops the posting key's build: "
        + "each is named with its members, to resolve before running it again.")
final class LoyaltyRepairIndexesCommand implements Callable<Integer> {

    @Mixin
    LoyaltyStoreOptions options = new LoyaltyStoreOptions();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        // refused while a migration runs, or when the posting key finds a source posted twice (a StoreException: "regla: …", exit 2)
        try (JdbcStore store = options.open()) {
            List<String> built = DeferredLedgerIndexes.of(store).build();
            out.println(built.isEmpty() ? "no ledger index to build: none was left dropped by a migration"
                    : "built " + (built.stream().allMatch(UnfinishedMigrationNotice::ledgers) ? "the ledger's" : "the")
                    + " index" + (built.size() == 1 ? " " : "es ") + UnfinishedMigrationNotice.names(built));
            // on H2 the store's opening already put back a cache a killed run left raised: say so; else put it back now
            MigrationH2Cache cache = MigrationH2Cache.of(store);
            cache.putBackWhenOpened().or(cache::putBack).ifPresent(c -> out.println("put H2's page cache back to " + c.originalMiB()
                    + " MiB: a migration that did not finish had left it at " + c.raisedMiB() + " MiB"));
            out.flush();
            return 0;
        }
    }
}
