package io.regla.examples.loyalty;

import io.regla.adapters.store.jdbc.DeferredLedgerIndexes;
import io.regla.adapters.store.jdbc.JdbcStore;

import java.io.PrintWriter;
import java.util.List;

/**
 * The one line (stderr) a loyalty command prints when a migration was killed and never resumed: its replay dropped the
 * ledger's expiry index for its appends, every answer is still right but reads by expiry are slow, and nothing else
 * would say so (benchmarks/README.md, "Loyalty migration, session 6").
 */
final class UnfinishedMigrationNotice {

    private UnfinishedMigrationNotice() {
    }

    /** Prints the line if indexes are left dropped and no migration runs; returns whether it did. */
    static boolean print(JdbcStore store, PrintWriter err) {
        List<String> left = DeferredLedgerIndexes.of(store).leftByUnfinishedMigration();
        if (left.isEmpty()) return false;
        err.println(line(left) + "; run `regla loyalty migrate --from DIR` again to finish it, or `regla loyalty repair-indexes` to build it now");
        err.flush();
        return true;
    }

    static String line(List<String> indexes) {
        return "warning: the ledger's expiry index (" + names(indexes) + ") was dropped by a migration that did not finish,"
                + " so ledger reads by expiry are slow";
    }

    /** The indexes' names as a reader knows them: without the quotes H2 records them with. */
    static String names(List<String> indexes) {
        return String.join(", ", indexes.stream().map(n -> n.replace("\"", "")).toList());
    }
}
