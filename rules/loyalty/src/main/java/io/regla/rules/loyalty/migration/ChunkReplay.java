package io.regla.rules.loyalty.migration;

import io.regla.api.RulesEngine;
import io.regla.rules.loyalty.LoyaltyProcessor;
import io.regla.rules.loyalty.LoyaltyReport;
import io.regla.rules.loyalty.Member;
import io.regla.rules.loyalty.ledger.InMemoryLedger;
import io.regla.rules.loyalty.ledger.InMemoryPurchaseHistory;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The migrated history replayed through the effective-dated rules, a chunk of members at a time. Members
 * never interact (every rule joins on the member; campaigns and rates are read-only), so each chunk is
 * replayed on its own: its members and all their events read in two range queries, ordered by time in
 * memory, decided by a {@link LoyaltyProcessor} on an {@link InMemoryLedger} (the same batching and ledger
 * policy as a live run, so the same postings), expired at the cut-over, and appended to the store with the
 * chunk's checkpoint in one transaction. Memory is bounded by the chunks in flight, the database sees batched
 * inserts and no row lock, and a purchase is not stored a second time: the migrated transactions are the history.
 *
 * <p>With more than one thread, chunks are read and decided in parallel (one processor per chunk, the engine is
 * thread-safe) but committed by the calling thread strictly in member order, each with its checkpoint, exactly as
 * one thread commits them: a killed run resumes after the last committed chunk and ends with the same ledger,
 * whatever the thread count. At most {@code threads + 1} decided chunks wait for their commit. One thread is pipelined
 * the same way (one worker deciding while the calling thread commits) when a database server does the writes: the
 * calling thread would otherwise wait for the server's commit with nothing decided.
 *
 * <p>The store may drop the ledger's indexes the appends do not need before the first chunk and build them once after the
 * last ({@link MigrationStore#deferLedgerIndexes()}; the JDBC store drops the posting key too, refusing every other
 * posting meanwhile): a replay that fails or is killed leaves them to the run that resumes it (a real kill runs no
 * clean-up either), which builds them once it has committed its last chunk, or at once when nothing is left to replay. A
 * build that finds a source posted twice fails the replay with nothing lost, to be resumed once that is resolved.
 */
final class ChunkReplay {

    static final String STAGE = "replay";

    private final RulesEngine engine;
    private final MigrationStore store;
    private final int batchSize;
    private final int membersPerChunk;
    private final int threads;
    /** Decide on worker threads even with one: the store's commits run in a server, and the next chunk is decided meanwhile. */
    private final boolean pipelined;
    private final Clock clock;
    private final AtomicLong commitCpu = new AtomicLong();
    /** Wall time of building what the replay deferred, after its last chunk. */
    private final AtomicLong indexMillis = new AtomicLong();

    ChunkReplay(RulesEngine engine, MigrationStore store, int batchSize, int membersPerChunk, int threads, boolean pipelined, Clock clock) {
        if (threads < 1) throw new IllegalArgumentException("replay threads must be positive");
        this.engine = engine;
        this.store = store;
        this.batchSize = batchSize;
        this.membersPerChunk = membersPerChunk;
        this.threads = threads;
        this.pipelined = pipelined;
        this.clock = clock;
    }

    /**
     * The replay's and the expiry's figures over the chunks this run replayed, the CPU its worker threads spent, and the
     * calling thread's CPU in the ordered commits to the store (what the store's side of the replay costs).
     */
    record Reports(LoyaltyReport replay, LoyaltyReport expiry, long workerCpuMillis, long commitCpuMillis, long indexMillis) {
    }

    /** One chunk decided, waiting for its commit. */
    private record Decided(InMemoryLedger ledger, LoyaltyReport replay, LoyaltyReport expiry, MigrationStore.Checkpoint checkpoint) {
    }

    Reports run(Instant cutover) {
        LoyaltyReport replay = new LoyaltyReport();
        LoyaltyReport expiry = new LoyaltyReport();
        MigrationStore.Checkpoint cp = store.checkpoint(STAGE);
        String after = cp == null ? null : cp.state();
        long chunks = cp == null ? 0 : cp.position();
        AtomicLong workerCpu = new AtomicLong();
        commitCpu.set(0);
        indexMillis.set(0);
        List<Member> first = store.membersAfter(after, membersPerChunk);
        // nothing left to replay (a second run, or a killed one resumed after its last chunk): no index dropped for nothing
        if (!first.isEmpty()) storeWork(store::deferLedgerIndexes);
        if (threads == 1 && !pipelined) {
            for (List<Member> members = first; !members.isEmpty(); members = store.membersAfter(after, membersPerChunk)) {
                after = members.get(members.size() - 1).id();
                commit(decide(members, cutover, ++chunks), replay, expiry);
            }
            restoreIndexes();
            return new Reports(replay, expiry, 0, commitCpu.get(), indexMillis.get());
        }
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "regla-replay-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        ArrayDeque<Future<Decided>> inFlight = new ArrayDeque<>();
        try {
            for (List<Member> members = first; !members.isEmpty(); members = store.membersAfter(after, membersPerChunk)) {
                after = members.get(members.size() - 1).id();
                long chunk = ++chunks;
                List<Member> these = members;
                inFlight.add(pool.submit(() -> timed(workerCpu, () -> decide(these, cutover, chunk))));
                if (inFlight.size() > threads) commit(await(inFlight.removeFirst()), replay, expiry);
            }
            while (!inFlight.isEmpty()) commit(await(inFlight.removeFirst()), replay, expiry);
            restoreIndexes();
        } finally {
            // a failed commit or chunk stops the run: the chunks still in flight are dropped, never committed. No interrupt:
            // a worker interrupted inside an H2 read could close the database file's channel under the next run.
            inFlight.forEach(f -> f.cancel(false));
            pool.shutdown();
        }
        return new Reports(replay, expiry, workerCpu.get(), commitCpu.get(), indexMillis.get());
    }

    private void restoreIndexes() {
        long t = System.nanoTime();
        storeWork(store::restoreLedgerIndexes);
        indexMillis.set((System.nanoTime() - t) / 1_000_000);
    }

    /** A chunk's events read, ordered and decided into an in-memory ledger (nothing written to the store). */
    private Decided decide(List<Member> members, Instant cutover, long chunk) {
        String first = members.get(0).id(), last = members.get(members.size() - 1).id();
        Map<String, Member> byId = new HashMap<>(members.size() * 2);
        members.forEach(m -> byId.put(m.id(), m));
        List<Object> events = store.eventsOfMembers(first, last);
        events.sort(ExportGenerator.EVENT_ORDER);
        InMemoryLedger ledger = new InMemoryLedger(clock);
        LoyaltyProcessor processor = LoyaltyProcessor.builder(engine, ledger).purchases(new InMemoryPurchaseHistory())
                .membersIn(ids -> {
                    Map<String, Member> found = new HashMap<>();
                    for (String id : ids) {
                        Member m = byId.get(id);
                        if (m != null) found.put(id, m);
                    }
                    return found;
                }).batchSize(batchSize).build();
        LoyaltyReport replayed = processor.process(events);
        LoyaltyReport expired = processor.expire(cutover);
        return new Decided(ledger, replayed, expired, new MigrationStore.Checkpoint(chunk, last));
    }

    private void commit(Decided d, LoyaltyReport replay, LoyaltyReport expiry) {
        storeWork(() -> store.commitReplay(d.ledger(), STAGE, d.checkpoint()));
        replay.add(d.replay());
        expiry.add(d.expiry());
    }

    /** Writes to the store on the calling thread, its CPU counted as the store's side of the replay. */
    private void storeWork(Runnable write) {
        timed(commitCpu, () -> {
            write.run();
            return null;
        });
    }

    private static Decided await(Future<Decided> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("replay interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error r) throw r;
            throw new IllegalStateException(e.getCause());
        }
    }

    private static <T> T timed(AtomicLong cpuMillis, java.util.function.Supplier<T> work) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long c0 = mx.getCurrentThreadCpuTime();
        try {
            return work.get();
        } finally {
            cpuMillis.addAndGet((mx.getCurrentThreadCpuTime() - c0) / 1_000_000);
        }
    }
}
