package io.regla.examples.loyalty;

import io.regla.adapters.store.jdbc.DeferredLedgerIndexes;
import io.regla.adapters.store.jdbc.JdbcStore;
import io.regla.adapters.store.jdbc.MigrationH2Cache;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;

/**
 * The one line (stderr) a loyalty command prints when a migration was killed and never resumed: its replay dropped the
 * ledger's expiry index and posting key for its appends, every answer is still right but reads by expiry are slow and
 * the ledger refuses every posting until the key is built, and nothing else would say so (benchmarks/README.md,
 * "Loyalty migration, session 6" and "session 11: posting keys"). And the line that says it had left the embedded H2's
 * page cache raised in the file ({@link MigrationH2Cache}), put back when the store was opened.
 */
final class UnfinishedMigrationNotice {

    private UnfinishedMigrationNotice() {
    }

    /** Prints the lines for what a migration that did not finish left (indexes dropped, H2's cache raised); returns whether it did. */
    static boolean print(JdbcStore store, PrintWriter err) {
        boolean indexes = printIndexes(store, err);
        return printCache(store, err) || indexes;
    }

    /** Prints the line if indexes are left dropped and no migration runs; returns whether it did. */
    static boolean printIndexes(JdbcStore store, PrintWriter err) {
        List<String> left = DeferredLedgerIndexes.of(store).leftByUnfinishedMigration();
        if (left.isEmpty()) return false;
        err.println(line(left) + "; run `regla loyalty migrate --from DIR` again to finish it, or `regla loyalty repair-indexes` to build it now");
        err.flush();
        return true;
    }

    /** Prints the line if a migration that did not finish had left H2's page cache raised; returns whether it did. */
    static boolean printCache(JdbcStore store, PrintWriter err) {
        MigrationH2Cache cache = MigrationH2Cache.of(store);
        Optional<MigrationH2Cache.Change> putBack = cache.putBackWhenOpened();
        Optional<MigrationH2Cache.Change> left = putBack.isPresent() ? Optional.empty() : cache.leftByUnfinishedMigration();
        if (putBack.isEmpty() && left.isEmpty()) return false;
        err.println(putBack.map(c -> cacheLine(c) + "; opening the store put it back to " + c.originalMiB() + " MiB")
                .orElseGet(() -> cacheLine(left.get()) + "; run `regla loyalty repair-indexes` to put it back to " + left.get().originalMiB() + " MiB"));
        err.flush();
        return true;
    }

    static String cacheLine(MigrationH2Cache.Change c) {
        return "warning: a migration that did not finish had left H2's page cache at " + c.raisedMiB()
                + " MiB in the database file (whoever opens it holds that cache on its heap)";
    }

    static String line(List<String> indexes) {
        boolean key = indexes.stream().anyMatch(UnfinishedMigrationNotice::postingKey);
        boolean ledger = indexes.stream().anyMatch(i -> ledgers(i) && !postingKey(i));
        boolean load = indexes.stream().anyMatch(i -> !ledgers(i));
        List<String> what = new java.util.ArrayList<>();
        if (ledger) what.add("the ledger's expiry index");
        if (key) what.add("the ledger's posting key");
        if (load) what.add("the migration's member indexes");
        String slow = ledger && load ? "ledger reads by expiry and the migration's reads by member are slow"
                : ledger ? "ledger reads by expiry are slow" : load ? "the migration's reads by member are slow" : null;
        String effect = !key ? slow : slow == null ? "the ledger accepts no posting" : "the ledger accepts no posting and " + slow;
        String listed = what.size() == 1 ? what.get(0)
                : String.join(", ", what.subList(0, what.size() - 1)) + " and " + what.get(what.size() - 1);
        return "warning: " + listed + " (" + names(indexes) + ") was dropped by a migration that did not finish, so " + effect;
    }

    /** Whether it is the ledger's posting key: without it the ledger refuses every posting. */
    static boolean postingKey(String index) {
        return index.replace("\"", "").equalsIgnoreCase("regla_ledger_posting_pkey");
    }

    /** Whether an index (or the posting key) is the ledger's (the replay drops it) rather than a migration table's (the load drops those). */
    static boolean ledgers(String index) {
        return index.replace("\"", "").toLowerCase(java.util.Locale.ROOT).startsWith("regla_ledger_");
    }

    /** The indexes' names as a reader knows them: without the quotes H2 records them with. */
    static String names(List<String> indexes) {
        return String.join(", ", indexes.stream().map(n -> n.replace("\"", "")).toList());
    }
}
