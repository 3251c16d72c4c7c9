package io.regla.rules.loyalty.migration;

import io.regla.api.RulesEngine;
import io.regla.rules.loyalty.LoyaltyProcessor;
import io.regla.rules.loyalty.LoyaltyReport;
import io.regla.rules.loyalty.Member;
import io.regla.rules.loyalty.ledger.InMemoryLedger;
import io.regla.rules.loyalty.ledger.InMemoryPurchaseHistory;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The migrated history replayed through the effective-dated rules, a chunk of members at a time. Members
 * never interact (every rule joins on the member; campaigns and rates are read-only), so each chunk is
 * replayed on its own: its members and all their events read in two range queries, ordered by time in
 * memory, decided by a {@link LoyaltyProcessor} on an {@link InMemoryLedger} (the same batching and ledger
 * policy as a live run, so the same postings), expired at the cut-over, and appended to the store with the
 * chunk's checkpoint in one transaction. Memory is bounded by the chunk, the database sees batched inserts
 * and no row lock, and a purchase is not stored a second time: the migrated transactions are the history.
 * A killed run resumes after the last committed chunk.
 */
final class ChunkReplay {

    static final String STAGE = "replay";

    private final RulesEngine engine;
    private final MigrationStore store;
    private final int batchSize;
    private final int membersPerChunk;
    private final Clock clock;

    ChunkReplay(RulesEngine engine, MigrationStore store, int batchSize, int membersPerChunk, Clock clock) {
        this.engine = engine;
        this.store = store;
        this.batchSize = batchSize;
        this.membersPerChunk = membersPerChunk;
        this.clock = clock;
    }

    /** The replay's and the expiry's figures over the chunks this run replayed. */
    record Reports(LoyaltyReport replay, LoyaltyReport expiry) {
    }

    Reports run(Instant cutover) {
        LoyaltyReport replay = new LoyaltyReport();
        LoyaltyReport expiry = new LoyaltyReport();
        MigrationStore.Checkpoint cp = store.checkpoint(STAGE);
        String after = cp == null ? null : cp.state();
        long chunks = cp == null ? 0 : cp.position();
        while (true) {
            List<Member> members = store.membersAfter(after, membersPerChunk);
            if (members.isEmpty()) break;
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
            replay.add(processor.process(events));
            expiry.add(processor.expire(cutover));
            store.commitReplay(ledger, STAGE, new MigrationStore.Checkpoint(++chunks, last));
            after = last;
        }
        return new Reports(replay, expiry);
    }
}
