package io.regla.rules.loyalty;

import io.regla.api.Action;
import io.regla.api.DecideOptions;
import io.regla.api.Decision;
import io.regla.api.RuleSetInfo;
import io.regla.api.RulesEngine;
import io.regla.api.action.Rejection;
import io.regla.rules.loyalty.ledger.InMemoryPurchaseHistory;
import io.regla.rules.loyalty.ledger.Ledger;
import io.regla.rules.loyalty.ledger.LotDraw;
import io.regla.rules.loyalty.ledger.PointsLotState;
import io.regla.rules.loyalty.ledger.Posting;
import io.regla.rules.loyalty.ledger.PostingResult;
import io.regla.rules.loyalty.ledger.Purchase;
import io.regla.rules.loyalty.ledger.PurchaseHistory;
import io.regla.rules.loyalty.ledger.PurchaseRecord;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Replays loyalty events (card transactions, refunds, redemption requests) in time order through the
 * {@code loyalty} rules and posts what they decide to the ledger.
 *
 * <p>Each event is decided by the rule set version effective at the event's own {@code at}: events are
 * grouped into batches that never straddle a version's {@code effectiveFrom}, and each batch is one
 * engine call pinned to that version, with the members, their lots (read from the ledger in one query),
 * the campaigns and the events. A refund or redemption of a member who already bought or claimed in a batch,
 * and a second event of a member at the same second, wait for the next batch with the rest of that member's
 * events ({@link BatchPlanner}), so every claim on a member's lots sees the ledger as it stands and the rules
 * order a member's events by time alone; the
 * decided postings go to the ledger in business-time order. Batch size therefore never changes a result.
 * A redemption the ledger refuses because the lots changed meanwhile is decided again, alone.
 *
 * <p>Purchases and accepted refunds are kept in a {@link PurchaseHistory} (the ledger's store), read once
 * per batch: a refund in a later run than its purchase finds it, refunds of one purchase add up, and the
 * processor's memory is bounded by its batch.
 */
public final class LoyaltyProcessor {

    public static final String RULE_SET = "loyalty";
    private static final int REDECIDE_ATTEMPTS = 3;

    private final RulesEngine engine;
    private final Ledger ledger;
    private final Function<Collection<String>, Map<String, Member>> members;
    private final List<Campaign> campaigns;
    private final java.util.function.Consumer<Object> afterBatch;
    private final int batchSize;
    private final PurchaseHistory history;
    private final java.util.function.Consumer<Rejection> onRejection;

    private LoyaltyProcessor(Builder b) {
        this.engine = b.engine;
        this.ledger = b.ledger;
        this.members = b.members;
        this.campaigns = List.copyOf(b.campaigns);
        this.batchSize = b.batchSize;
        this.afterBatch = b.afterBatch;
        this.onRejection = b.onRejection;
        this.history = b.history != null ? b.history
                : b.ledger instanceof PurchaseHistory h ? h : new InMemoryPurchaseHistory();
    }

    public static Builder builder(RulesEngine engine, Ledger ledger) {
        return new Builder(engine, ledger);
    }

    /**
     * Decides and posts the events, which must be in time order.
     *
     * @throws IllegalArgumentException naming the first event out of order, of an unknown type, or before every version
     */
    public LoyaltyReport process(Iterable<?> events) {
        LoyaltyReport report = new LoyaltyReport();
        BatchPlanner planner = new BatchPlanner(batchSize, b -> flush(b, report), afterBatch);
        offerAll(events, batchSize, history, new Versions(engine.registry().versions(RULE_SET)), planner, report);
        return report;
    }

    /**
     * Offers the time-ordered events to the planner, read ahead a batch at a time (its purchases recorded, its refunds'
     * members found, in one query each), each with its version, then decides what is left.
     */
    static void offerAll(Iterable<?> events, int batchSize, PurchaseHistory history, Versions versions, BatchPlanner planner,
                         LoyaltyReport report) {
        Iterator<?> it = events.iterator();
        Instant last = Instant.MIN;
        long n = 0;
        List<Object> chunk = new ArrayList<>(batchSize);
        while (it.hasNext()) {
            chunk.clear();
            while (it.hasNext() && chunk.size() < batchSize) chunk.add(it.next());
            Map<String, String> memberOf = resolve(history, chunk);
            for (Object e : chunk) {
                n++;
                Instant at = at(e, n).toInstant();
                if (at.isBefore(last)) throw new IllegalArgumentException("event " + n + " (" + e + ") is before the one preceding it");
                last = at;
                RuleSetInfo version = versions.at(at, e);
                String member = e instanceof CardTransaction t ? t.memberId() : e instanceof RedemptionRequest r ? r.memberId()
                        : memberOf.get(((Refund) e).transactionId());
                planner.offer(e, member, version);
                if (e instanceof CardTransaction) report.transaction(version.version().toString());
            }
        }
        planner.finish();
    }

    /** Records the chunk's purchases and finds the member of each refund's purchase. */
    private static Map<String, String> resolve(PurchaseHistory history, List<Object> chunk) {
        List<PurchaseRecord> bought = new ArrayList<>();
        Set<String> refunded = new HashSet<>();
        for (Object e : chunk) {
            if (e instanceof CardTransaction t) bought.add(PurchaseFacts.record(t));
            else if (e instanceof Refund f) refunded.add(f.transactionId());
        }
        if (!bought.isEmpty()) history.recordPurchases(bought);
        Map<String, String> memberOf = new HashMap<>();
        if (!refunded.isEmpty()) history.purchases(refunded).forEach((id, p) -> memberOf.put(id, p.transaction().memberId()));
        return memberOf;
    }

    /** Expires every lot due by {@code asOf}, member by member, with the version effective then. */
    public LoyaltyReport expire(Instant asOf) {
        LoyaltyReport report = new LoyaltyReport();
        RuleSetInfo version = engine.registry().active(RULE_SET, asOf);
        String after = null;
        while (true) {
            List<String> due = ledger.membersWithLotsDue(asOf, after, batchSize);
            if (due.isEmpty()) return report;
            Map<String, List<PointsLotState>> lots = ledger.lots(due);
            List<Object> facts = new ArrayList<>();
            lots.values().forEach(ls -> ls.forEach(l -> facts.add(pointsLot(l, version.timeZone()))));
            post(decide(version, facts, asOf, 0, report), lots, BatchEvents.NONE, null, report, version);
            after = due.get(due.size() - 1);
        }
    }

    private void flush(EventBatch batch, LoyaltyReport report) {
        Set<String> memberIds = new LinkedHashSet<>();
        int n = batch.events.size();
        List<Object> facts = new ArrayList<>(n * 3);
        BatchEvents events = new BatchEvents(n);
        Map<String, Instant> lastAt = new HashMap<>(capacity(n));
        Set<String> refundedIds = new HashSet<>();
        for (Object e : batch.events) {
            if (e instanceof Refund f) refundedIds.add(f.transactionId());
        }
        Map<String, Purchase> purchases = refundedIds.isEmpty() ? Map.of() : history.purchases(refundedIds);
        Set<String> inBatch = new HashSet<>();
        List<Refund> refunds = new ArrayList<>();
        for (Object e : batch.events) {
            String member = null;
            Object fact = e;
            if (e instanceof CardTransaction t) {
                member = t.memberId();
                inBatch.add(t.id());
                events.transactions.put(t.id(), t);
            } else if (e instanceof RedemptionRequest r) {
                member = r.memberId();
                events.redemptions.put(r.id(), r);
            } else if (e instanceof Refund f) {
                Purchase p = purchases.get(f.transactionId());
                if (p != null) {
                    member = p.transaction().memberId();
                    if (inBatch.add(f.transactionId())) facts.add(PurchaseFacts.transaction(p.transaction()));
                    fact = f.withRefundedBefore(p.refundedBefore(f.id()));
                }
                refunds.add((Refund) fact);
                events.refunds.put(f.id(), (Refund) fact);
            }
            facts.add(fact);
            if (member != null) {
                memberIds.add(member);
                lastAt.merge(member, at(e, 0).toInstant(), (x, y) -> x.isAfter(y) ? x : y);
            }
        }
        facts.addAll(members.apply(memberIds).values());
        for (Campaign c : campaigns) {
            if (c.to().toInstant().isAfter(batch.first) && !c.from().toInstant().isAfter(batch.last)) facts.add(c);
        }
        Map<String, List<PointsLotState>> lots = ledger.lots(memberIds);
        lots.values().forEach(ls -> ls.forEach(l -> facts.add(pointsLot(l, batch.version.timeZone()))));
        Decision d = decide(batch.version, facts, batch.last, batch.events.size(), report);
        post(d, lots, events, lastAt, report, batch.version);
        if (!refunds.isEmpty()) {
            Set<String> refused = new HashSet<>();
            for (Rejection r : d.actions(Rejection.class)) {
                if (r.command().startsWith("Refund ")) refused.add(r.command().substring("Refund ".length()));
            }
            history.recordRefunds(PurchaseFacts.refunds(refunds.stream().filter(f -> !refused.contains(f.id())).toList()));
        }
    }

    private Decision decide(RuleSetInfo version, List<Object> facts, Instant asOf, int eventCount, LoyaltyReport report) {
        report.decision(eventCount);
        return engine.decide(RULE_SET, facts, DecideOptions.builder().version(version.version()).asOf(asOf).tracing(false).build());
    }

    /**
     * @param lastAt per member, the time of its last event in the batch: a lot lapsing after it is left to a
     *               later batch or the expiry run (as if each event were decided on its own); null: no limit
     */
    private void post(Decision d, Map<String, List<PointsLotState>> lots, BatchEvents events,
                      Map<String, Instant> lastAt, LoyaltyReport report, RuleSetInfo version) {
        List<Posting> postings = new ArrayList<>();
        for (Action a : d.actions()) {
            if (a instanceof Rejection r) {
                report.rejected(r.code());
                onRejection.accept(r);
            } else if (a instanceof AccruePoints p) {
                CardTransaction t = events.transaction(p.transactionId());
                postings.add(new Posting.Accrual(p.memberId(), p.transactionId(), p.points(), t.at().toInstant(),
                        p.availableAt().toInstant(), p.expiresAt().toInstant(), p.rule()));
            } else if (a instanceof RedeemPoints p) {
                RedemptionRequest r = events.redemption(p.redemptionId());
                postings.add(new Posting.Redemption(p.memberId(), p.redemptionId(), r.at().toInstant(),
                        p.lots().stream().map(l -> new LotDraw(l.lotId(), l.points())).toList()));
            } else if (a instanceof ReversePoints p) {
                Refund f = events.refunds.get(p.refundId());
                postings.add(new Posting.Reversal(p.memberId(), f.id(), p.transactionId(), p.points(), f.at().toInstant()));
            } else if (a instanceof ExpirePoints p) {
                PointsLotState lot = lots.get(p.memberId()).stream().filter(l -> l.lotId().equals(p.lotId())).findFirst().orElseThrow();
                Instant until = lastAt == null ? null : lastAt.get(p.memberId());
                if (lastAt == null || until != null && !lot.expiresAt().isAfter(until)) {
                    postings.add(new Posting.Expiry(p.memberId(), p.lotId(), lot.expiresAt()));
                }
            }
        }
        postInOrder(ledger, postings, events, report, version, refused -> redecide(refused, events, report, version));
    }

    /**
     * Posts a batch's postings in business-time order, as if each event had been posted on its own (an expiry after a
     * redemption before it), each outcome counted; a posting the ledger refuses as a conflict goes to {@code onConflict}.
     */
    static void postInOrder(Ledger ledger, List<Posting> postings, EventsById events, LoyaltyReport report,
                            RuleSetInfo version, java.util.function.Consumer<Posting> onConflict) {
        postings.sort(java.util.Comparator.comparing(Posting::occurredAt));
        for (PostingResult r : ledger.postAll(postings)) {
            switch (r.outcome()) {
                case POSTED -> count(r, events, report, version);
                case DUPLICATE -> report.duplicate();
                case CONFLICT -> onConflict.accept(r.posting());
            }
        }
    }

    private static void count(PostingResult r, EventsById events, LoyaltyReport report, RuleSetInfo version) {
        Posting p = r.posting();
        if (p instanceof Posting.Accrual a) {
            CardTransaction t = events.transaction(a.sourceId());
            report.accrued(a.points(), version.version().toString(), t.category());
        } else if (p instanceof Posting.Redemption x) {
            report.redeemed(x.points());
        } else if (p instanceof Posting.Reversal x) {
            report.reversed(x.points());
        } else if (p instanceof Posting.Expiry) {
            report.expired(-r.points());
        }
    }

    /** The redemption request a posting the ledger refused came from, or null (counted as a conflict) for any other posting. */
    static RedemptionRequest conflicted(Posting refused, EventsById events, LoyaltyReport report) {
        RedemptionRequest event = refused instanceof Posting.Redemption ? events.redemption(refused.sourceId()) : null;
        if (event == null) report.conflict();
        return event;
    }

    /** A redemption whose lots changed between decision and posting: decide it again on fresh lots. */
    private void redecide(Posting refused, BatchEvents events, LoyaltyReport report, RuleSetInfo version) {
        RedemptionRequest r = conflicted(refused, events, report);
        if (r == null) return;
        for (int attempt = 0; attempt < REDECIDE_ATTEMPTS; attempt++) {
            Map<String, List<PointsLotState>> lots = ledger.lots(List.of(r.memberId()));
            List<Object> facts = new ArrayList<>();
            facts.add(r);
            lots.values().forEach(ls -> ls.forEach(l -> facts.add(pointsLot(l, version.timeZone()))));
            Decision d = decide(version, facts, r.at().toInstant(), 0, report);
            List<RedeemPoints> granted = d.actions(RedeemPoints.class);
            if (granted.isEmpty()) {
                d.actions(Rejection.class).forEach(x -> {
                    report.rejected(x.code());
                    onRejection.accept(x);
                });
                return;
            }
            PostingResult again = ledger.post(new Posting.Redemption(r.memberId(), r.id(), r.at().toInstant(),
                    granted.get(0).lots().stream().map(l -> new LotDraw(l.lotId(), l.points())).toList()));
            if (again.outcome() != PostingResult.Outcome.CONFLICT) {
                if (again.outcome() == PostingResult.Outcome.POSTED) report.redeemed(r.points());
                else report.duplicate();
                return;
            }
        }
        report.conflict();
    }

    /** The rules' view of a ledger lot, its instants in the rule set's zone. */
    public static PointsLot pointsLot(PointsLotState l, ZoneId zone) {
        java.time.zone.ZoneRules rules = zone.getRules();
        if (rules.isFixedOffset()) {
            return new PointsLot(l.lotId(), l.memberId(), l.sourceId(), l.points(), l.expired() ? 0 : l.remaining(),
                    OffsetDateTime.ofInstant(l.earnedAt(), zone), OffsetDateTime.ofInstant(l.availableAt(), zone),
                    OffsetDateTime.ofInstant(l.expiresAt(), zone));
        }
        // every lot of every member in the batch, three instants each: the zone's offsets from remembered windows
        ZoneCalendar calendar = ZoneCalendar.of(rules);
        return new PointsLot(l.lotId(), l.memberId(), l.sourceId(), l.points(), l.expired() ? 0 : l.remaining(),
                inZone(l.earnedAt(), calendar), inZone(l.availableAt(), calendar), inZone(l.expiresAt(), calendar));
    }

    /** {@code OffsetDateTime.ofInstant(at, zone)}, the zone's offset at {@code at} taken from its calendar. */
    private static OffsetDateTime inZone(Instant at, ZoneCalendar calendar) {
        java.time.ZoneOffset offset = calendar.offset(at.getEpochSecond());
        return OffsetDateTime.of(java.time.LocalDateTime.ofEpochSecond(at.getEpochSecond(), at.getNano(), offset), offset);
    }

    private static OffsetDateTime at(Object e, long n) {
        try {
            return EventBatch.at(e);
        } catch (IllegalArgumentException x) {
            throw new IllegalArgumentException("event " + n + ": " + x.getMessage(), x);
        }
    }

    /** A batch's purchases and redemption requests by id, as its postings name them. */
    interface EventsById {
        CardTransaction transaction(String id);

        RedemptionRequest redemption(String id);

        /** Events kept in one map under {@code "T:" + id}, {@code "R:" + id} and {@code "F:" + id}. */
        static EventsById keyed(Map<String, Object> events) {
            return new EventsById() {
                @Override
                public CardTransaction transaction(String id) {
                    return (CardTransaction) events.get("T:" + id);
                }

                @Override
                public RedemptionRequest redemption(String id) {
                    return (RedemptionRequest) events.get("R:" + id);
                }
            };
        }
    }

    /**
     * The engine batch's events by id, a map per type: the ids' own strings are the keys (their hash computed once),
     * where a key per type prefix would build and hash a new string for every event and every action.
     */
    private static final class BatchEvents implements EventsById {
        static final BatchEvents NONE = new BatchEvents(0);

        final Map<String, CardTransaction> transactions;
        final Map<String, RedemptionRequest> redemptions;
        final Map<String, Refund> refunds;

        BatchEvents(int events) {
            transactions = new HashMap<>(capacity(events));
            redemptions = new HashMap<>();
            refunds = new HashMap<>();
        }

        @Override
        public CardTransaction transaction(String id) {
            return transactions.get(id);
        }

        @Override
        public RedemptionRequest redemption(String id) {
            return redemptions.get(id);
        }
    }

    /** A HashMap capacity that holds {@code n} entries without resizing. */
    private static int capacity(int n) {
        return (int) Math.min(1 << 30, n / 0.75f + 1);
    }

    /** The rule set's versions by effective date. */
    static final class Versions {
        private final List<RuleSetInfo> byDate;

        Versions(Collection<RuleSetInfo> all) {
            byDate = new ArrayList<>(all);
            byDate.sort(Comparator.comparing(RuleSetInfo::effectiveFrom).thenComparing(RuleSetInfo::version));
        }

        RuleSetInfo at(Instant at, Object event) {
            RuleSetInfo found = null;
            for (RuleSetInfo v : byDate) {
                if (!v.effectiveFrom().isAfter(at)) found = v;
            }
            if (found == null) throw new IllegalArgumentException(event + " is before the first loyalty version's effectiveFrom");
            return found;
        }
    }

    public static final class Builder {
        private final RulesEngine engine;
        private final Ledger ledger;
        private Function<Collection<String>, Map<String, Member>> members = ids -> Map.of();
        private java.util.function.Consumer<Object> afterBatch = e -> { };
        private java.util.function.Consumer<Rejection> onRejection = r -> { };
        private List<Campaign> campaigns = List.of();
        private int batchSize = 500;
        private PurchaseHistory history;

        private Builder(RulesEngine engine, Ledger ledger) {
            this.engine = Objects.requireNonNull(engine, "engine");
            this.ledger = Objects.requireNonNull(ledger, "ledger");
        }

        /** Who the members are (tier, status); an id it does not know is rejected as UNKNOWN_MEMBER. */
        public Builder members(Function<String, Member> members) {
            Objects.requireNonNull(members);
            this.members = ids -> {
                Map<String, Member> found = new HashMap<>();
                for (String id : ids) {
                    Member m = members.apply(id);
                    if (m != null) found.put(id, m);
                }
                return found;
            };
            return this;
        }

        /** Who the members are, looked up a batch at a time (one query per engine call instead of one per member). */
        public Builder membersIn(Function<Collection<String>, Map<String, Member>> members) {
            this.members = Objects.requireNonNull(members);
            return this;
        }

        /**
         * Called after each batch is decided and posted, with its last event: everything up to it is in the
         * ledger (a checkpoint a killed run can resume after).
         */
        public Builder afterBatch(java.util.function.Consumer<Object> afterBatch) {
            this.afterBatch = Objects.requireNonNull(afterBatch);
            return this;
        }

        /** Called with each rejection the rules decide (the report only counts them per code). */
        public Builder onRejection(java.util.function.Consumer<Rejection> onRejection) {
            this.onRejection = Objects.requireNonNull(onRejection);
            return this;
        }

        public Builder campaigns(List<Campaign> campaigns) {
            this.campaigns = List.copyOf(campaigns);
            return this;
        }

        /** Events per engine call (default 500). */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1) throw new IllegalArgumentException("batchSize must be positive");
            this.batchSize = batchSize;
            return this;
        }

        /**
         * Where refunds find their purchase and what earlier refunds of it took; by default the ledger when it
         * keeps one (JdbcLedger), otherwise an {@link InMemoryPurchaseHistory} for this processor's lifetime.
         */
        public Builder purchases(PurchaseHistory history) {
            this.history = Objects.requireNonNull(history);
            return this;
        }

        public LoyaltyProcessor build() {
            return new LoyaltyProcessor(this);
        }
    }
}
