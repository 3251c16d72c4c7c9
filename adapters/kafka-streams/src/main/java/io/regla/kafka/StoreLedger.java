package io.regla.kafka;

import com.fasterxml.jackson.core.type.TypeReference;
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
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The loyalty {@link Ledger} and {@link PurchaseHistory} ports over the Kafka Streams state stores of one task,
 * so the batch {@code LoyaltyProcessor} runs unchanged inside the stream processor. One task owns its members'
 * keys and runs on one thread, which is the serialisation the port asks for; the stores are changelogged, and
 * with exactly-once their writes commit together with the output records and the input offsets.
 *
 * <p>Writes are held in memory until {@link #commit}: a decision that throws half-way is {@link #rollback rolled
 * back} whole, so its events can be decided again one by one and only the one that fails goes to the dead
 * letters (postings already made by the failed attempt would otherwise be in the stores without their output).
 * Holding a unit's books also reads and parses each member's book once per unit, not once per posting.
 *
 * <p>A member's value holds its entries and the keys of its postings (the idempotence the port asks for).
 */
final class StoreLedger implements Ledger, PurchaseHistory {

    /** A member's book as stored: the posting keys already appended and the entries in order. */
    record MemberBook(List<String> keys, List<LedgerEntry> entries) {
    }

    /** A purchase as stored: the transaction and the refunds accepted so far (refund id to amount). */
    record StoredPurchase(PurchaseRecord transaction, Map<String, BigDecimal> refunds) {
    }

    /** Told of every purchase first recorded, with its event time: the retention index. */
    interface PurchaseTracker {
        void recorded(String transactionId, Instant at);
    }

    private static final TypeReference<MemberBook> BOOK = new TypeReference<>() { };

    private final KeyValueStore<String, String> ledger;
    private final KeyValueStore<String, String> purchases;
    private final Clock clock;
    /** This unit's books and purchases, read or written; the written ones are also in the dirty sets. */
    private final Map<String, MemberBook> books = new HashMap<>();
    private final Set<String> dirtyBooks = new LinkedHashSet<>();
    private final Map<String, Optional<StoredPurchase>> bought = new HashMap<>();
    private final Set<String> dirtyPurchases = new LinkedHashSet<>();
    private final Set<String> newPurchases = new LinkedHashSet<>();
    private final List<LedgerEntry> appended = new ArrayList<>();

    StoreLedger(KeyValueStore<String, String> ledger, KeyValueStore<String, String> purchases, Clock clock) {
        this.ledger = Objects.requireNonNull(ledger);
        this.purchases = Objects.requireNonNull(purchases);
        this.clock = Objects.requireNonNull(clock);
    }

    /** Writes the unit to the stores and returns the entries it appended, in append order. */
    List<LedgerEntry> commit(PurchaseTracker tracker) {
        for (String id : dirtyBooks) ledger.put(id, LoyaltyEvents.write(books.get(id)));
        for (String id : dirtyPurchases) purchases.put(id, LoyaltyEvents.write(bought.get(id).orElseThrow()));
        for (String id : newPurchases) tracker.recorded(id, bought.get(id).orElseThrow().transaction().at().toInstant());
        List<LedgerEntry> out = List.copyOf(appended);
        rollback();
        return out;
    }

    /** Forgets the unit: the stores stay as the last commit left them. */
    void rollback() {
        books.clear();
        dirtyBooks.clear();
        bought.clear();
        dirtyPurchases.clear();
        newPurchases.clear();
        appended.clear();
    }

    private MemberBook book(String memberId) {
        return books.computeIfAbsent(memberId, id -> {
            String json = ledger.get(id);
            MemberBook stored = json == null ? new MemberBook(List.of(), List.of()) : LoyaltyEvents.read(json, BOOK);
            return new MemberBook(new ArrayList<>(stored.keys()), new ArrayList<>(stored.entries()));
        });
    }

    @Override
    public PostingResult post(Posting posting) {
        MemberBook book = book(posting.memberId());
        if (book.keys().contains(posting.key())) {
            return new PostingResult(posting, PostingResult.Outcome.DUPLICATE, List.of(), null);
        }
        LedgerBook.Plan plan = LedgerBook.of(posting.memberId(), book.entries()).plan(posting, clock.instant());
        if (plan.conflict() != null) {
            return new PostingResult(posting, PostingResult.Outcome.CONFLICT, List.of(), plan.conflict());
        }
        book.keys().add(posting.key());
        book.entries().addAll(plan.entries());
        dirtyBooks.add(posting.memberId());
        appended.addAll(plan.entries());
        return new PostingResult(posting, PostingResult.Outcome.POSTED, plan.entries(), null);
    }

    @Override
    public List<PostingResult> postAll(List<? extends Posting> postings) {
        List<PostingResult> out = new ArrayList<>(postings.size());
        for (Posting p : postings) out.add(post(p));
        return out;
    }

    @Override
    public List<LedgerEntry> entries(String memberId) {
        return List.copyOf(book(memberId).entries());
    }

    @Override
    public Map<String, List<PointsLotState>> lots(Collection<String> memberIds) {
        Map<String, List<PointsLotState>> out = new LinkedHashMap<>();
        for (String id : new LinkedHashSet<>(memberIds)) {
            List<LedgerEntry> entries = book(id).entries();
            if (!entries.isEmpty()) out.put(id, LedgerBook.of(id, entries).lots());
        }
        return out;
    }

    /** Scans the task's members: the expiry run's work list (the stream itself expires lots as events come). */
    @Override
    public List<String> membersWithLotsDue(Instant asOf, String afterMemberId, int limit) {
        TreeSet<String> candidates = new TreeSet<>(books.keySet());
        try (KeyValueIterator<String, String> it = ledger.all()) {
            while (it.hasNext()) candidates.add(it.next().key);
        }
        TreeSet<String> due = new TreeSet<>();
        for (String id : afterMemberId == null ? candidates : candidates.tailSet(afterMemberId, false)) {
            boolean anyDue = LedgerBook.of(id, book(id).entries()).lots().stream()
                    .anyMatch(l -> l.remaining() > 0 && !l.expired() && !l.expiresAt().isAfter(asOf));
            if (anyDue) due.add(id);
            if (due.size() == limit) break;
        }
        return List.copyOf(due);
    }

    private Optional<StoredPurchase> purchase(String transactionId) {
        return bought.computeIfAbsent(transactionId, id -> {
            String json = purchases.get(id);
            return json == null ? Optional.empty() : Optional.of(LoyaltyEvents.read(json, StoredPurchase.class));
        });
    }

    @Override
    public Map<String, Purchase> purchases(Collection<String> transactionIds) {
        Map<String, Purchase> out = new HashMap<>();
        for (String id : transactionIds) {
            purchase(id).ifPresent(p -> out.put(id, new Purchase(p.transaction(), p.refunds() == null ? Map.of() : p.refunds())));
        }
        return out;
    }

    @Override
    public void recordPurchases(List<PurchaseRecord> transactions) {
        for (PurchaseRecord t : transactions) {
            if (purchase(t.id()).isEmpty()) {
                bought.put(t.id(), Optional.of(new StoredPurchase(t, Map.of())));
                dirtyPurchases.add(t.id());
                newPurchases.add(t.id());
            }
        }
    }

    @Override
    public void recordRefunds(List<RefundRecord> refunds) {
        Set<String> seen = new LinkedHashSet<>();
        for (RefundRecord f : refunds) {
            Optional<StoredPurchase> found = purchase(f.transactionId());
            if (found.isEmpty() || !seen.add(f.id())) continue;
            StoredPurchase p = found.get();
            Map<String, BigDecimal> all = new LinkedHashMap<>(p.refunds() == null ? Map.of() : p.refunds());
            if (all.putIfAbsent(f.id(), f.amount()) == null) {
                bought.put(f.transactionId(), Optional.of(new StoredPurchase(p.transaction(), all)));
                dirtyPurchases.add(f.transactionId());
            }
        }
    }
}
