package io.regla.adapters.store.jdbc;

import io.regla.rules.loyalty.Member;
import io.regla.rules.loyalty.ledger.InMemoryLedger;
import io.regla.rules.loyalty.migration.LegacyFile;
import io.regla.rules.loyalty.migration.LegacyRows;
import io.regla.rules.loyalty.migration.MigrationStore;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The CRM migration's tables (V20): the export's accepted rows, the rejects and the checkpoints, beside the ledger in
 * the same database. One class per concern, each named for it: the checks' reads by id ({@link MigrationLookups}), the
 * load's bulk writes ({@link MigrationLoadWriter}) with H2's page cache sized for them ({@link H2BulkCache}), the
 * replay's reads and ledger appends ({@link MigrationReplayWriter}), the indexes each of these bulk stages defers
 * ({@link IndexDeferral}), the checkpoints ({@link MigrationCheckpoints}) and the reads after the replay
 * ({@link MigrationVerificationReads}).
 */
final class JdbcMigrationStore implements MigrationStore {

    private final MigrationCheckpoints checkpoints;
    private final MigrationLookups lookups;
    private final MigrationLoadWriter load;
    private final MigrationReplayWriter replay;
    private final IndexDeferral deferral;
    private final IndexDeferral loadDeferral;
    private final PostingKeyDeferral keys;
    private final MigrationVerificationReads verification;
    private final MigrationRunLock runs;
    private final H2BulkCache cache;
    private final boolean postgres;
    /** What opening the store put back of an H2 cache a killed run left raised ({@link #putBackCacheAtOpen()}). */
    private volatile Optional<H2BulkCache.Change> cachePutBackAtOpen = Optional.empty();

    JdbcMigrationStore(Jdbc jdbc, boolean postgres) {
        this.postgres = postgres;
        this.checkpoints = new MigrationCheckpoints(jdbc);
        this.lookups = new MigrationLookups(jdbc, postgres);
        this.load = new MigrationLoadWriter(jdbc, postgres);
        this.replay = new MigrationReplayWriter(jdbc, postgres);
        this.deferral = IndexDeferral.ledger(jdbc, postgres);
        this.loadDeferral = IndexDeferral.migrationLoad(jdbc, postgres);
        this.verification = new MigrationVerificationReads(jdbc);
        this.runs = new MigrationRunLock(jdbc, postgres);
        this.keys = new PostingKeyDeferral(jdbc, postgres, runs::running);
        this.cache = new H2BulkCache(jdbc, postgres, checkpoints);
    }

    /** {@link MigrationRunLock}: on PostgreSQL, refuses a run while another process's is under way. */
    @Override
    public Running begin() {
        Running held = runs.hold();
        return () -> {
            try {
                cache.restore(); // the cache raised for the run's bulk work (or by a killed run before it), back to what the file had
            } finally {
                held.close();
            }
        };
    }

    /** The load's deferred export-table indexes, then the replay's deferred plain ledger indexes (its posting key: {@link #postingKeys()}). */
    List<IndexDeferral> deferrals() {
        return List.of(loadDeferral, deferral);
    }

    /** The ledger's posting key, dropped for the replay's appends with the plain indexes and built before them after it. */
    PostingKeyDeferral postingKeys() {
        return keys;
    }

    MigrationRunLock runs() {
        return runs;
    }

    /** PostgreSQL writes in its server's processes; an embedded H2 in this JVM. */
    @Override
    public boolean writesInAnotherProcess() {
        return postgres;
    }

    /** The H2 cache record a killed run left ({@link H2BulkCache}): the cache now and the original to put back. */
    Optional<H2BulkCache.Change> cacheLeftRaised() {
        Optional<H2BulkCache.Change> recorded = cache.recorded(); // first: on PostgreSQL empty without a query, no lock probe
        return recorded.isEmpty() || runs.running() ? Optional.empty() : recorded;
    }

    /** Puts back the H2 cache a killed run left raised; nothing while a migration runs (its own record, put back at its end). */
    Optional<H2BulkCache.Change> putBackCache() {
        return cacheLeftRaised().isEmpty() ? Optional.empty() : cache.restore();
    }

    /** {@link #putBackCache()} when the store is opened, remembered for the loyalty commands' notice. */
    void putBackCacheAtOpen() {
        cachePutBackAtOpen = putBackCache();
    }

    Optional<H2BulkCache.Change> cachePutBackAtOpen() {
        return cachePutBackAtOpen;
    }

    /** {@link H2BulkCache#raise()}: on H2, a page cache sized for the load, put back when {@link #begin()}'s handle closes. */
    @Override
    public void prepareBulk() {
        cache.raise();
    }

    @Override
    public Checkpoint checkpoint(String stage) {
        return checkpoints.read(stage);
    }

    @Override
    public void saveCheckpoint(String stage, Checkpoint checkpoint) {
        checkpoints.save(stage, checkpoint);
    }

    @Override
    public Set<String> migrated(LegacyFile file, Collection<String> ids) {
        return lookups.migrated(file, ids);
    }

    @Override
    public void forEachMemberId(Consumer<String> sink) {
        lookups.forEachMemberId(sink);
    }

    /** {@link #forEachMemberId(Consumer)} in pages of {@code page} ids, for tests of its paging. */
    void forEachMemberId(Consumer<String> sink, int page) {
        lookups.forEachMemberId(sink, page);
    }

    @Override
    public Set<String> rejected(LegacyFile file, Collection<String> ids) {
        return lookups.rejected(file, ids);
    }

    @Override
    public Map<String, TransactionRef> transactions(Collection<String> ids) {
        return lookups.transactions(ids);
    }

    @Override
    public Set<Long> rejectedLines(LegacyFile file, Collection<Long> lines) {
        return lookups.rejectedLines(file, lines);
    }

    @Override
    public Map<String, Member> memberFacts(Collection<String> ids) {
        return lookups.memberFacts(ids);
    }

    @Override
    public void commit(LegacyFile file, List<? extends LegacyRows.Row> rows, List<LegacyRows.Reject> rejects, String stage, Checkpoint checkpoint) {
        load.commit(file, rows, rejects, stage, checkpoint);
    }

    @Override
    public List<Member> membersAfter(String afterId, int limit) {
        return replay.membersAfter(afterId, limit);
    }

    @Override
    public List<Object> eventsOfMembers(String fromId, String toId) {
        return replay.eventsOfMembers(fromId, toId);
    }

    @Override
    public void commitReplay(InMemoryLedger replayed, String stage, Checkpoint checkpoint) {
        replay.commitReplay(replayed, stage, checkpoint);
    }

    /** The export tables' member indexes, dropped for the load's inserts and built once after: {@link IndexDeferral#migrationLoad}. */
    @Override
    public void deferLoadIndexes() {
        loadDeferral.defer();
    }

    @Override
    public void restoreLoadIndexes() {
        loadDeferral.restore();
    }

    /**
     * The entries' expiry index ({@link IndexDeferral#ledger}) and the posting key ({@link PostingKeyDeferral}), dropped for
     * the replay's appends and built once after.
     */
    @Override
    public void deferLedgerIndexes() {
        deferral.defer();
        keys.defer();
    }

    /**
     * The key first: no posting is accepted without it, and a duplicate it finds fails the replay before the index is
     * built for nothing (both stay recorded, and the run that resumes after the duplicates are resolved builds both).
     */
    @Override
    public void restoreLedgerIndexes() {
        keys.restore();
        deferral.restore();
    }

    @Override
    public void balances(String openingPrefix, Consumer<MemberBalance> sink) {
        verification.balances(openingPrefix, sink);
    }

    @Override
    public long migratedCount(LegacyFile file) {
        return verification.migratedCount(file);
    }

    @Override
    public BigDecimal migratedSum(LegacyFile file) {
        return verification.migratedSum(file);
    }

    @Override
    public Map<String, Long> rejectsByCheck(LegacyFile file) {
        return verification.rejectsByCheck(file);
    }

    @Override
    public void rejects(Consumer<LegacyRows.Reject> sink) {
        verification.rejects(sink);
    }

    @Override
    public Long latestEventMillis() {
        return verification.latestEventMillis();
    }
}
