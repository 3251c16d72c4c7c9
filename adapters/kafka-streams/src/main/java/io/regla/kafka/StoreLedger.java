package io.regla.kafka;

import com.fasterxml.jackson.core.type.TypeReference;
import io.regla.rules.loyalty.CardTransaction;
import io.regla.rules.loyalty.Refund;
import io.regla.rules.loyalty.ledger.Ledger;
import io.regla.rules.loyalty.ledger.LedgerBook;
import io.regla.rules.loyalty.ledger.LedgerEntry;
import io.regla.rules.loyalty.ledger.PointsLotState;
import io.regla.rules.loyalty.ledger.Posting;
import io.regla.rules.loyalty.ledger.PostingResult;
import io.regla.rules.loyalty.ledger.Purchase;
import io.regla.rules.loyalty.ledger.PurchaseHistory;
import org.apache.kafka.streams.KeyValue;
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
import java.util.Set;
import java.util.TreeSet;

/**
 * The loyalty {@link Ledger} and {@link PurchaseHistory} ports over the Kafka Streams state stores of one task,
 * so the batch {@code LoyaltyProcessor} runs unchanged inside the stream processor. One task owns its members'
 * keys and runs on one thread, which is the serialisation the port asks for; the stores are changelogged, and
 * with exactly-once their writes commit together with the output records and the input offsets.
 *
 * <p>A member's value holds its entries and the keys of its postings (the idempotence the port asks for).
 * Entries appended since the last {@link #drainAppended()} are handed to the processor to forward.
 */
final class StoreLedger implements Ledger, PurchaseHistory {

    /** A member's book as stored: the posting keys already appended and the entries in order. */
    record MemberBook(List<String> keys, List<LedgerEntry> entries) {
    }

    private static final TypeReference<MemberBook> BOOK = new TypeReference<>() { };

    private final KeyValueStore<String, String> ledger;
    private final KeyValueStore<String, String> purchases;
    private final Clock clock;
    private final List<LedgerEntry> appended = new ArrayList<>();

    StoreLedger(KeyValueStore<String, String> ledger, KeyValueStore<String, String> purchases, Clock clock) {
        this.ledger = Objects.requireNonNull(ledger);
        this.purchases = Objects.requireNonNull(purchases);
        this.clock = Objects.requireNonNull(clock);
    }

    /** The entries appended since the last call, in append order. */
    List<LedgerEntry> drainAppended() {
        List<LedgerEntry> out = List.copyOf(appended);
        appended.clear();
        return out;
    }

    private MemberBook book(String memberId) {
        String json = ledger.get(memberId);
        return json == null ? new MemberBook(List.of(), List.of()) : LoyaltyEvents.read(json, BOOK);
    }

    @Override
    public PostingResult post(Posting posting) {
        MemberBook stored = book(posting.memberId());
        if (stored.keys().contains(posting.key())) {
            return new PostingResult(posting, PostingResult.Outcome.DUPLICATE, List.of(), null);
        }
        LedgerBook book = LedgerBook.of(posting.memberId(), stored.entries());
        LedgerBook.Plan plan = book.plan(posting, clock.instant());
        if (plan.conflict() != null) {
            return new PostingResult(posting, PostingResult.Outcome.CONFLICT, List.of(), plan.conflict());
        }
        List<String> keys = new ArrayList<>(stored.keys());
        keys.add(posting.key());
        List<LedgerEntry> entries = new ArrayList<>(stored.entries());
        entries.addAll(plan.entries());
        ledger.put(posting.memberId(), LoyaltyEvents.write(new MemberBook(keys, entries)));
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
        return book(memberId).entries();
    }

    @Override
    public Map<String, List<PointsLotState>> lots(Collection<String> memberIds) {
        Map<String, List<PointsLotState>> out = new LinkedHashMap<>();
        for (String id : new LinkedHashSet<>(memberIds)) {
            List<LedgerEntry> entries = entries(id);
            if (!entries.isEmpty()) out.put(id, LedgerBook.of(id, entries).lots());
        }
        return out;
    }

    /** Scans the task's members: the expiry run's work list (the stream itself expires lots as events come). */
    @Override
    public List<String> membersWithLotsDue(Instant asOf, String afterMemberId, int limit) {
        TreeSet<String> due = new TreeSet<>();
        try (KeyValueIterator<String, String> it = ledger.all()) {
            while (it.hasNext()) {
                KeyValue<String, String> kv = it.next();
                if (afterMemberId != null && kv.key.compareTo(afterMemberId) <= 0) continue;
                boolean anyDue = LedgerBook.of(kv.key, LoyaltyEvents.read(kv.value, BOOK).entries()).lots().stream()
                        .anyMatch(l -> l.remaining() > 0 && !l.expired() && !l.expiresAt().isAfter(asOf));
                if (anyDue) due.add(kv.key);
            }
        }
        return due.stream().limit(limit).toList();
    }

    /** A purchase as stored: the transaction and the refunds accepted so far (refund id to amount). */
    record StoredPurchase(CardTransaction transaction, Map<String, BigDecimal> refunds) {
    }

    @Override
    public Map<String, Purchase> purchases(Collection<String> transactionIds) {
        Map<String, Purchase> out = new HashMap<>();
        for (String id : transactionIds) {
            String json = purchases.get(id);
            if (json != null) {
                StoredPurchase p = LoyaltyEvents.read(json, StoredPurchase.class);
                out.put(id, new Purchase(p.transaction(), p.refunds() == null ? Map.of() : p.refunds()));
            }
        }
        return out;
    }

    @Override
    public void recordPurchases(List<CardTransaction> transactions) {
        for (CardTransaction t : transactions) {
            if (purchases.get(t.id()) == null) purchases.put(t.id(), LoyaltyEvents.write(new StoredPurchase(t, Map.of())));
        }
    }

    @Override
    public void recordRefunds(List<Refund> refunds) {
        Set<String> seen = new LinkedHashSet<>();
        for (Refund f : refunds) {
            String json = purchases.get(f.transactionId());
            if (json == null || !seen.add(f.id())) continue;
            StoredPurchase p = LoyaltyEvents.read(json, StoredPurchase.class);
            Map<String, BigDecimal> all = new LinkedHashMap<>(p.refunds() == null ? Map.of() : p.refunds());
            if (all.putIfAbsent(f.id(), f.amount()) == null) {
                purchases.put(f.transactionId(), LoyaltyEvents.write(new StoredPurchase(p.transaction(), all)));
            }
        }
    }
}
