package io.regla.adapters.store.dynamodb;

import io.regla.rules.loyalty.ledger.EntryKind;
import io.regla.rules.loyalty.ledger.Ledger;
import io.regla.rules.loyalty.ledger.LedgerBook;
import io.regla.rules.loyalty.ledger.LedgerEntry;
import io.regla.rules.loyalty.ledger.PointsLotState;
import io.regla.rules.loyalty.ledger.Posting;
import io.regla.rules.loyalty.ledger.PostingResult;
import io.regla.rules.loyalty.ledger.Purchase;
import io.regla.rules.loyalty.ledger.PurchaseHistory;
import io.regla.rules.loyalty.ledger.PurchaseRecord;
import io.regla.rules.loyalty.ledger.RefundRecord;
import io.regla.api.spi.StoreException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static io.regla.adapters.store.dynamodb.Items.PK;
import static io.regla.adapters.store.dynamodb.Items.SK;
import static io.regla.adapters.store.dynamodb.Items.key;
import static io.regla.adapters.store.dynamodb.Items.n;
import static io.regla.adapters.store.dynamodb.Items.num;
import static io.regla.adapters.store.dynamodb.Items.s;
import static io.regla.adapters.store.dynamodb.Items.str;

/**
 * The points ledger in the store's table. A member's entries share partition {@code L#<member>} (sort key
 * {@code E#<entry number, zero-padded>}), beside a head item ({@code #HEAD}) counting them. A posting is
 * one TransactWriteItems: its unique key item ({@code P#<kind>#<source>}, condition: absent), the head
 * (condition: the count this posting was planned on) and its entries. A lost head condition means another
 * writer appended first: the member is read again and the posting planned again.
 *
 * <p>That re-plan loop is optimistic concurrency inside the store, not provider resilience (provider retries belong
 * to the outbox). It is bounded by time and progress, not by a count: under CPU load one writer may lose dozens of
 * races in a row while the others keep appending, which is contention, not a livelock. Between races it backs off
 * exponentially with jitter (so writers that lost together do not come back together). It gives up with a clear
 * error when no posting to the member succeeded for {@link #RACE_BUDGET} (a livelock, or a head item out of step
 * with the entries), or after {@link #STARVATION_FACTOR} times that while others kept winning.
 *
 * <p>Lots not yet expired are in the outbox's sparse due index under {@code duePk = "LX#" + shard}
 * ({@code dueAt} = expiry), and leave it when their expiry is posted, so the expiry run reads only what is due.
 */
final class DynamoDbLedger implements Ledger, PurchaseHistory {

    private static final String HEAD = "#HEAD";
    private static final int SHARDS = 16;
    /** How long one posting keeps losing races while no posting to its member succeeds, before it gives up. */
    static final java.time.Duration RACE_BUDGET = java.time.Duration.ofSeconds(10);
    /** The overall cap, in race budgets, for a posting that keeps losing while other writers win. */
    static final int STARVATION_FACTOR = 6;
    private static final long BACKOFF_BASE_MILLIS = 2;
    private static final long BACKOFF_CAP_MILLIS = 100;

    private final DynamoDbClient db;
    private final String table;
    private final Clock clock;

    private final java.time.Duration raceBudget;
    /** The purchase history beside the ledger (same table), so a processor on this ledger finds refunds' purchases across runs. */
    private final DynamoDbPurchaseHistory purchases;

    DynamoDbLedger(DynamoDbClient db, String table, Clock clock) {
        this(db, table, clock, RACE_BUDGET);
    }

    DynamoDbLedger(DynamoDbClient db, String table, Clock clock, java.time.Duration raceBudget) {
        this.db = db;
        this.table = table;
        this.clock = clock;
        this.raceBudget = raceBudget;
        this.purchases = new DynamoDbPurchaseHistory(db, table);
    }

    @Override
    public PostingResult post(Posting posting) {
        return postAll(List.of(posting)).get(0);
    }

    @Override
    public List<PostingResult> postAll(List<? extends Posting> postings) {
        Map<String, LedgerBook> books = new HashMap<>();
        List<PostingResult> out = new ArrayList<>(postings.size());
        for (Posting p : postings) {
            out.add(postOne(p, books));
        }
        return out;
    }

    private PostingResult postOne(Posting p, Map<String, LedgerBook> books) {
        // Elapsed time from the JVM's monotonic clock: the ledger's Clock says what time postings record, and may be fixed.
        long start = System.nanoTime();
        long stalledAfter = start + raceBudget.toNanos();
        long starvedAfter = start + raceBudget.toNanos() * STARVATION_FACTOR;
        long entriesSeen = -1;
        int attempt = 0;
        while (true) {
            attempt++;
            LedgerBook book = books.computeIfAbsent(p.memberId(), m -> LedgerBook.of(m, entries(m)));
            if (book.nextEntryNo() > entriesSeen) {
                // Someone's posting went through since the last race: contention, not a livelock.
                if (entriesSeen >= 0) stalledAfter = System.nanoTime() + raceBudget.toNanos();
                entriesSeen = book.nextEntryNo();
            }
            Instant now = clock.instant();
            LedgerBook.Plan plan = book.plan(p, now);
            if (plan.conflict() != null) {
                if (keyExists(p)) return new PostingResult(p, PostingResult.Outcome.DUPLICATE, List.of(), null);
                return new PostingResult(p, PostingResult.Outcome.CONFLICT, List.of(), plan.conflict());
            }
            long count = book.nextEntryNo() - 1;
            List<TransactWriteItem> items = new ArrayList<>();
            Map<String, AttributeValue> keyItem = new HashMap<>(key("P#" + p.key(), "-"));
            keyItem.put("memberId", s(p.memberId()));
            keyItem.put("recordedAt", n(now.toEpochMilli()));
            items.add(TransactWriteItem.builder().put(x -> x.tableName(table).item(keyItem)
                    .conditionExpression("attribute_not_exists(pk)")).build());
            long newCount = count + plan.entries().size();
            items.add(TransactWriteItem.builder().put(x -> x.tableName(table)
                    .item(Map.of(PK, s(memberPk(p.memberId())), SK, s(HEAD), "entryCount", n(newCount)))
                    .conditionExpression(count == 0 ? "attribute_not_exists(pk)" : "entryCount = :c")
                    .expressionAttributeValues(count == 0 ? null : Map.of(":c", n(count)))).build());
            for (LedgerEntry e : plan.entries()) {
                items.add(TransactWriteItem.builder().put(x -> x.tableName(table).item(item(e))).build());
            }
            if (p instanceof Posting.Expiry) {
                PointsLotState lot = book.lots().stream().filter(l -> l.lotId().equals(p.sourceId())).findFirst().orElseThrow();
                long openedBy = openingEntry(book, lot.lotId());
                // the lot leaves the sparse expiry index
                items.add(TransactWriteItem.builder().update(x -> x.tableName(table).key(key(memberPk(p.memberId()), entrySk(openedBy)))
                        .updateExpression("REMOVE duePk").conditionExpression("attribute_exists(pk)")).build());
            }
            try {
                db.transactWriteItems(r -> r.transactItems(items));
                book.append(plan.entries());
                return new PostingResult(p, PostingResult.Outcome.POSTED, plan.entries(), null);
            } catch (TransactionCanceledException e) {
                List<CancellationReason> reasons = e.cancellationReasons();
                if (!reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.get(0).code())) {
                    return new PostingResult(p, PostingResult.Outcome.DUPLICATE, List.of(), null);
                }
                // another writer appended to this member first (or a transaction conflict): read again, plan again
                books.remove(p.memberId());
                long elapsedAt = System.nanoTime();
                if (elapsedAt - stalledAfter >= 0 || elapsedAt - starvedAfter >= 0) {
                    boolean stalled = elapsedAt - stalledAfter >= 0;
                    throw new StoreException("ledger: posting " + p.key() + " lost " + attempt + " races for member " + p.memberId()
                            + (stalled ? ": no posting to this member went through for " + raceBudget.toMillis()
                                    + " ms (a livelock, or its head item is out of step with its entries)"
                                    : ": other writers kept winning for " + (elapsedAt - start) / 1_000_000 + " ms"));
                }
                sleepQuietly(backoffMillis(attempt));
            } catch (SdkException e) {
                throw new StoreException("ledger: posting " + p.key() + " failed: " + e.getMessage(), e);
            }
        }
    }

    /**
     * The wait after losing race {@code attempt}: half of base × 2^(attempt−1) (capped) plus a random part of up to
     * the other half, so writers that lost together do not come back together.
     */
    static long backoffMillis(int attempt) {
        long ceiling = Math.min(BACKOFF_CAP_MILLIS, BACKOFF_BASE_MILLIS << Math.min(attempt - 1, 20));
        return ceiling / 2 + java.util.concurrent.ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
    }

    private static long openingEntry(LedgerBook book, String lotId) {
        for (LedgerEntry e : book.entries()) {
            if (e.lotId().equals(lotId)) return e.entryNo();
        }
        throw new IllegalStateException("no entry opens lot " + lotId);
    }

    private boolean keyExists(Posting p) {
        Map<String, AttributeValue> item = call("read posting key", () -> db.getItem(r -> r.tableName(table)
                .key(key("P#" + p.key(), "-")).consistentRead(true)).item());
        return item != null && !item.isEmpty();
    }

    private static String memberPk(String memberId) {
        return "L#" + memberId;
    }

    private static String entrySk(long entryNo) {
        return String.format("E#%019d", entryNo);
    }

    private static Map<String, AttributeValue> item(LedgerEntry e) {
        Map<String, AttributeValue> item = new HashMap<>(key(memberPk(e.memberId()), entrySk(e.entryNo())));
        item.put("memberId", s(e.memberId()));
        item.put("entryNo", n(e.entryNo()));
        item.put("kind", s(e.kind().name()));
        item.put("sourceId", s(e.sourceId()));
        item.put("lotId", s(e.lotId()));
        item.put("points", n(e.points()));
        item.put("occurredAt", n(e.occurredAt().toEpochMilli()));
        item.put("recordedAt", n(e.recordedAt().toEpochMilli()));
        if (e.availableAt() != null) item.put("availableAt", n(e.availableAt().toEpochMilli()));
        if (e.expiresAt() != null) {
            item.put("expiresAt", n(e.expiresAt().toEpochMilli()));
            item.put("duePk", s("LX#" + Math.floorMod(e.memberId().hashCode(), SHARDS)));
            item.put("dueAt", n(e.expiresAt().toEpochMilli()));
        }
        if (e.note() != null) item.put("note", s(e.note()));
        return item;
    }

    private static LedgerEntry entry(Map<String, AttributeValue> item) {
        return new LedgerEntry(str(item, "memberId"), num(item, "entryNo"), EntryKind.valueOf(str(item, "kind")),
                str(item, "sourceId"), str(item, "lotId"), num(item, "points"), Instant.ofEpochMilli(num(item, "occurredAt")),
                item.containsKey("availableAt") ? Instant.ofEpochMilli(num(item, "availableAt")) : null,
                item.containsKey("expiresAt") ? Instant.ofEpochMilli(num(item, "expiresAt")) : null,
                Instant.ofEpochMilli(num(item, "recordedAt")), str(item, "note"));
    }

    @Override
    public List<LedgerEntry> entries(String memberId) {
        List<LedgerEntry> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder q = QueryRequest.builder().tableName(table).consistentRead(true)
                    .keyConditionExpression("pk = :p AND begins_with(sk, :e)")
                    .expressionAttributeValues(Map.of(":p", s(memberPk(memberId)), ":e", s("E#")));
            if (start != null) q.exclusiveStartKey(start);
            QueryResponse r = call("read ledger of " + memberId, () -> db.query(q.build()));
            r.items().forEach(i -> out.add(entry(i)));
            start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
        } while (start != null);
        return out;
    }

    @Override
    public Map<String, List<PointsLotState>> lots(Collection<String> memberIds) {
        Map<String, List<PointsLotState>> out = new LinkedHashMap<>();
        for (String m : new TreeSet<>(memberIds)) {
            List<LedgerEntry> entries = entries(m);
            if (!entries.isEmpty()) out.put(m, LedgerBook.of(m, entries).lots());
        }
        return out;
    }

    @Override
    public List<String> membersWithLotsDue(Instant asOf, String afterMemberId, int limit) {
        TreeSet<String> members = new TreeSet<>();
        for (int shard = 0; shard < SHARDS; shard++) {
            Map<String, AttributeValue> start = null;
            do {
                QueryRequest.Builder q = QueryRequest.builder().tableName(table).indexName(DynamoDbOutbox.DUE_INDEX)
                        .keyConditionExpression("duePk = :p AND dueAt <= :t")
                        .expressionAttributeValues(Map.of(":p", s("LX#" + shard), ":t", n(asOf.toEpochMilli())));
                if (start != null) q.exclusiveStartKey(start);
                QueryResponse r = call("list lots due", () -> db.query(q.build()));
                for (Map<String, AttributeValue> i : r.items()) {
                    String m = str(i, "memberId");
                    if (afterMemberId == null || m.compareTo(afterMemberId) > 0) members.add(m);
                }
                start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
            } while (start != null);
        }
        return members.stream().limit(limit).toList();
    }

    private static <T> T call(String what, java.util.function.Supplier<T> op) {
        try {
            return op.get();
        } catch (SdkException e) {
            throw new StoreException("ledger: " + what + " failed: " + e.getMessage(), e);
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while retrying a ledger posting", e);
        }
    }

    @Override
    public Map<String, Purchase> purchases(Collection<String> transactionIds) {
        return purchases.purchases(transactionIds);
    }

    @Override
    public void recordPurchases(List<PurchaseRecord> transactions) {
        purchases.recordPurchases(transactions);
    }

    @Override
    public void recordRefunds(List<RefundRecord> refunds) {
        purchases.recordRefunds(refunds);
    }
}
