package io.regla.rules.loyalty.migration;

import io.regla.rules.loyalty.Member;
import io.regla.rules.loyalty.ledger.InMemoryLedger;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Where the CRM migration keeps the export's accepted rows, its rejects and its checkpoints (the JDBC
 * store implements it beside the ledger). Lookups take a batch of ids: one round trip per batch, not per row.
 */
public interface MigrationStore {

    /** The last committed batch of a stage: how many rows/events it covered and the stage's running totals. */
    record Checkpoint(long position, String state) {
    }

    /** A migrated transaction as the refund checks need it: its member, amount and what migrated refunds took. */
    record TransactionRef(String memberId, BigDecimal amount, BigDecimal refunded) {
    }

    /** One member's balances for verification. */
    record MemberBalance(String memberId, String tier, long crmBalance, long replayed, boolean hasHistory) {
    }


    /** A migration run marked as running in the store, until closed. */
    interface Running extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Called when a migration run starts, the handle closed when it ends however it ends: while it is open the store can
     * tell that a migration is running, so that a ledger index deferred by this run ({@link #deferLedgerIndexes()}) is
     * not reported as one a killed run left dropped. A store may refuse a second run on the same data at once.
     */
    default Running begin() {
        return () -> { };
    }

    Checkpoint checkpoint(String stage);

    /**
     * Called once when a migration run starts, before anything is read or written: a store may size itself for a bulk
     * load of the export (the JDBC store raises an embedded H2's page cache until the run's {@link #begin()} handle is
     * closed; it records the size to put back first, so a killed run's raised cache is put back when the file is next
     * opened). Changes no migrated data.
     */
    default void prepareBulk() {
    }

    /** Ids of the file already migrated (a later row with one is a DUPLICATE_KEY). */
    Set<String> migrated(LegacyFile file, Collection<String> ids);

    /**
     * Every migrated member's id, in id order, to the sink: the load reads them once per run into memory for its checks of
     * each row's member ({@link ExportLoader}). A store should read them from the members' key alone, in one ordered scan
     * (the JDBC store: in pages by key); this default pages through {@link #membersAfter}.
     */
    default void forEachMemberId(Consumer<String> sink) {
        String after = null;
        for (List<Member> page = membersAfter(null, 10_000); !page.isEmpty(); page = membersAfter(after, 10_000)) {
            for (Member m : page) sink.accept(m.id());
            after = page.get(page.size() - 1).id();
        }
    }

    /** Ids that some row of the file was rejected with. */
    Set<String> rejected(LegacyFile file, Collection<String> ids);

    Map<String, TransactionRef> transactions(Collection<String> ids);

    /**
     * In one database transaction: inserts the rows and rejects of one batch and moves the stage's
     * checkpoint, so a run killed at any point resumes after the last committed batch.
     */
    void commit(LegacyFile file, List<? extends LegacyRows.Row> rows, List<LegacyRows.Reject> rejects, String stage,
                Checkpoint checkpoint);

    void saveCheckpoint(String stage, Checkpoint checkpoint);

    /** Up to {@code limit} migrated members with an id after {@code afterId} (null: from the first), in id order. */
    List<Member> membersAfter(String afterId, int limit);

    /**
     * Every migrated event (CardTransaction, Refund, RedemptionRequest) of the members whose ids are from
     * {@code fromId} to {@code toId} (both included), in no particular order: the replay orders them.
     */
    List<Object> eventsOfMembers(String fromId, String toId);

    /**
     * In one database transaction: appends what a chunk of members replayed into (members new to the ledger:
     * their member rows, posting keys and entries, in batches) and moves the stage's checkpoint.
     *
     * @throws io.regla.api.spi.StoreException when one of the members already has a ledger (nothing is written)
     */
    void commitReplay(InMemoryLedger replayed, String stage, Checkpoint checkpoint);

    /**
     * Called before the load commits its first batch in a run (a run with nothing left to load drops nothing): a store may
     * drop the export tables' indexes that the load's inserts maintain for the replay but the load's checks never read,
     * recording durably which, so that {@link #restoreLoadIndexes()} builds them once after the load's last batch, even
     * after a killed run. Changes no data; every query stays correct meanwhile. Idempotent.
     */
    default void deferLoadIndexes() {
    }

    /**
     * Called when the load has committed its last batch of every file (also when a resumed run finds nothing left to
     * load), before the replay reads by member: builds what {@link #deferLoadIndexes()} dropped, in this run or a killed
     * one. Changes no data. Idempotent.
     */
    default void restoreLoadIndexes() {
    }

    /**
     * Called before the replay appends its first chunk: a store may drop the ledger's indexes that the appends maintain
     * for nothing (the replay never reads them) and that cost it most, recording durably which, so that
     * {@link #restoreLedgerIndexes()} builds them once after the replay, even after a killed run. Changes no data; every
     * ledger query stays correct meanwhile. Idempotent. A store may drop the posting key too (the JDBC store does) if its
     * ledger then refuses every other posting until the key is built again: the replay is the only writer meanwhile.
     */
    default void deferLedgerIndexes() {
    }

    /**
     * Whether this store's writes are done by another process (a database server) rather than in this JVM: then the
     * migration's calling thread would wait for the server, so even with one thread it runs its read-only checks beside
     * the writes and decides the next chunk of the replay while the server commits the last ({@link CrmMigration}).
     */
    default boolean writesInAnotherProcess() {
        return false;
    }

    /**
     * Called when the replay has committed its last chunk (also when a resumed run finds nothing left to replay): builds
     * what {@link #deferLedgerIndexes()} dropped, in this run or a killed one. Changes no data. Idempotent.
     *
     * @throws io.regla.api.spi.StoreException when the posting key cannot be built: a source posted twice (to the ledger
     *         before the migration, and by its replay), each named; nothing is built or forgotten after it, so the same call
     *         finishes once the duplicates are resolved
     */
    default void restoreLedgerIndexes() {
    }

    Map<String, Member> memberFacts(Collection<String> ids);

    /** Every migrated member's CRM balance and replayed ledger balance (without the opening adjustment), by id. */
    void balances(String openingPrefix, Consumer<MemberBalance> sink);

    /** Count and sum (amount, points or balance) of what was migrated from a file. */
    long migratedCount(LegacyFile file);

    BigDecimal migratedSum(LegacyFile file);

    /** Rejects per check for a file. */
    Map<String, Long> rejectsByCheck(LegacyFile file);

    /** Every reject in file and line order. */
    void rejects(Consumer<LegacyRows.Reject> sink);

    /** Lines of the file that were rejected, among these. */
    Set<Long> rejectedLines(LegacyFile file, Collection<Long> lines);

    /** The latest event time migrated (the default cut-over), or null when there is none. */
    Long latestEventMillis();
}
