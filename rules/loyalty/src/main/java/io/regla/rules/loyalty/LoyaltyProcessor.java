package io.regla.rules.loyalty;

import io.regla.api.Action;
import io.regla.api.DecideOptions;
import io.regla.api.Decision;
import io.regla.api.RuleSetInfo;
import io.regla.api.RulesEngine;
import io.regla.api.action.Rejection;
import io.regla.rules.loyalty.ledger.Ledger;
import io.regla.rules.loyalty.ledger.LotDraw;
import io.regla.rules.loyalty.ledger.PointsLotState;
import io.regla.rules.loyalty.ledger.Posting;
import io.regla.rules.loyalty.ledger.PostingResult;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
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
 * the campaigns and the events. A batch is also cut before a refund or redemption of a member who already
 * bought or claimed in it, so every claim on a member's lots sees the ledger as it stands; and the
 * decided postings go to the ledger in business-time order. Batch size therefore never changes a result.
 * A redemption the ledger refuses because the lots changed meanwhile is decided again, alone.
 */
public final class LoyaltyProcessor {

    public static final String RULE_SET = "loyalty";
    private static final int REDECIDE_ATTEMPTS = 3;

    private final RulesEngine engine;
    private final Ledger ledger;
    private final Function<String, Member> members;
    private final List<Campaign> campaigns;
    private final int batchSize;
    private final Map<String, CardTransaction> seen = new HashMap<>();
    private final Function<String, CardTransaction> transactions;

    private LoyaltyProcessor(Builder b) {
        this.engine = b.engine;
        this.ledger = b.ledger;
        this.members = b.members;
        this.campaigns = List.copyOf(b.campaigns);
        this.batchSize = b.batchSize;
        this.transactions = b.transactions != null ? b.transactions : seen::get;
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
        Versions versions = new Versions(engine.registry().versions(RULE_SET));
        Batch batch = null;
        Instant last = Instant.MIN;
        long n = 0;
        for (Object e : events) {
            n++;
            Instant at = at(e, n).toInstant();
            if (at.isBefore(last)) throw new IllegalArgumentException("event " + n + " (" + e + ") is before the one preceding it");
            last = at;
            RuleSetInfo version = versions.at(at, e);
            if (batch != null && !batch.accepts(e, version)) {
                flush(batch, report);
                batch = null;
            }
            if (batch == null) batch = new Batch(version);
            batch.add(e);
            if (e instanceof CardTransaction t) {
                seen.put(t.id(), t);
                report.transaction(version.version().toString());
            }
        }
        if (batch != null) flush(batch, report);
        return report;
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
            post(decide(version, facts, asOf, 0, report), lots, Map.of(), null, report, version);
            after = due.get(due.size() - 1);
        }
    }

    private void flush(Batch batch, LoyaltyReport report) {
        Set<String> memberIds = new LinkedHashSet<>();
        List<Object> facts = new ArrayList<>(batch.events.size() * 3);
        Map<String, Object> events = new HashMap<>();
        Map<String, Instant> lastAt = new HashMap<>();
        for (Object e : batch.events) {
            if (e instanceof CardTransaction t) {
                memberIds.add(t.memberId());
                events.put("T:" + t.id(), t);
            } else if (e instanceof RedemptionRequest r) {
                memberIds.add(r.memberId());
                events.put("R:" + r.id(), r);
            } else if (e instanceof Refund f) {
                CardTransaction t = transactions.apply(f.transactionId());
                if (t != null) {
                    memberIds.add(t.memberId());
                    facts.add(t);
                }
                events.put("F:" + f.transactionId(), f);
            }
            facts.add(e);
        }
        for (Object e : batch.events) {
            String member = e instanceof CardTransaction t ? t.memberId() : e instanceof RedemptionRequest r ? r.memberId()
                    : java.util.Optional.ofNullable(transactions.apply(((Refund) e).transactionId())).map(CardTransaction::memberId).orElse(null);
            if (member != null) lastAt.merge(member, at(e, 0).toInstant(), (x, y) -> x.isAfter(y) ? x : y);
        }
        for (String id : memberIds) {
            Member m = members.apply(id);
            if (m != null) facts.add(m);
        }
        for (Campaign c : campaigns) {
            if (c.to().toInstant().isAfter(batch.first) && !c.from().toInstant().isAfter(batch.last)) facts.add(c);
        }
        Map<String, List<PointsLotState>> lots = ledger.lots(memberIds);
        lots.values().forEach(ls -> ls.forEach(l -> facts.add(pointsLot(l, batch.version.timeZone()))));
        Decision d = decide(batch.version, facts, batch.last, batch.events.size(), report);
        post(d, lots, events, lastAt, report, batch.version);
    }

    private Decision decide(RuleSetInfo version, List<Object> facts, Instant asOf, int eventCount, LoyaltyReport report) {
        report.decision(eventCount);
        return engine.decide(RULE_SET, facts, DecideOptions.builder().version(version.version()).asOf(asOf).tracing(false).build());
    }

    /**
     * @param lastAt per member, the time of its last event in the batch: a lot lapsing after it is left to a
     *               later batch or the expiry run (as if each event were decided on its own); null: no limit
     */
    private void post(Decision d, Map<String, List<PointsLotState>> lots, Map<String, Object> events,
                      Map<String, Instant> lastAt, LoyaltyReport report, RuleSetInfo version) {
        List<Posting> postings = new ArrayList<>();
        for (Action a : d.actions()) {
            if (a instanceof Rejection r) {
                report.rejected(r.code());
            } else if (a instanceof AccruePoints p) {
                CardTransaction t = (CardTransaction) events.get("T:" + p.transactionId());
                postings.add(new Posting.Accrual(p.memberId(), p.transactionId(), p.points(), t.at().toInstant(),
                        p.availableAt().toInstant(), p.expiresAt().toInstant(), p.rule()));
            } else if (a instanceof RedeemPoints p) {
                RedemptionRequest r = (RedemptionRequest) events.get("R:" + p.redemptionId());
                postings.add(new Posting.Redemption(p.memberId(), p.redemptionId(), r.at().toInstant(),
                        p.lots().stream().map(l -> new LotDraw(l.lotId(), l.points())).toList()));
            } else if (a instanceof ReversePoints p) {
                Refund f = (Refund) events.get("F:" + p.transactionId());
                postings.add(new Posting.Reversal(p.memberId(), f.id(), p.transactionId(), p.points(), f.at().toInstant()));
            } else if (a instanceof ExpirePoints p) {
                PointsLotState lot = lots.get(p.memberId()).stream().filter(l -> l.lotId().equals(p.lotId())).findFirst().orElseThrow();
                Instant until = lastAt == null ? null : lastAt.get(p.memberId());
                if (lastAt == null || until != null && !lot.expiresAt().isAfter(until)) {
                    postings.add(new Posting.Expiry(p.memberId(), p.lotId(), lot.expiresAt()));
                }
            }
        }
        // in business-time order, as if each event had been posted on its own (an expiry after a redemption before it)
        postings.sort(java.util.Comparator.comparing(Posting::occurredAt));
        for (PostingResult r : ledger.postAll(postings)) {
            switch (r.outcome()) {
                case POSTED -> count(r, events, report, version);
                case DUPLICATE -> report.duplicate();
                case CONFLICT -> redecide(r.posting(), events, report, version);
            }
        }
    }

    private void count(PostingResult r, Map<String, Object> events, LoyaltyReport report, RuleSetInfo version) {
        Posting p = r.posting();
        if (p instanceof Posting.Accrual a) {
            CardTransaction t = (CardTransaction) events.get("T:" + a.sourceId());
            report.accrued(a.points(), version.version().toString(), t.category());
        } else if (p instanceof Posting.Redemption x) {
            report.redeemed(x.points());
        } else if (p instanceof Posting.Reversal x) {
            report.reversed(x.points());
        } else if (p instanceof Posting.Expiry) {
            report.expired(-r.points());
        }
    }

    /** A redemption whose lots changed between decision and posting: decide it again on fresh lots. */
    private void redecide(Posting refused, Map<String, Object> events, LoyaltyReport report, RuleSetInfo version) {
        Object event = refused instanceof Posting.Redemption ? events.get("R:" + refused.sourceId()) : null;
        if (event == null) {
            report.conflict();
            return;
        }
        RedemptionRequest r = (RedemptionRequest) event;
        for (int attempt = 0; attempt < REDECIDE_ATTEMPTS; attempt++) {
            Map<String, List<PointsLotState>> lots = ledger.lots(List.of(r.memberId()));
            List<Object> facts = new ArrayList<>();
            facts.add(r);
            lots.values().forEach(ls -> ls.forEach(l -> facts.add(pointsLot(l, version.timeZone()))));
            Decision d = decide(version, facts, r.at().toInstant(), 0, report);
            List<RedeemPoints> granted = d.actions(RedeemPoints.class);
            if (granted.isEmpty()) {
                d.actions(Rejection.class).forEach(x -> report.rejected(x.code()));
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
        return new PointsLot(l.lotId(), l.memberId(), l.sourceId(), l.points(), l.expired() ? 0 : l.remaining(),
                OffsetDateTime.ofInstant(l.earnedAt(), zone), OffsetDateTime.ofInstant(l.availableAt(), zone),
                OffsetDateTime.ofInstant(l.expiresAt(), zone));
    }

    private static OffsetDateTime at(Object e, long n) {
        if (e instanceof CardTransaction t) return t.at();
        if (e instanceof Refund f) return f.at();
        if (e instanceof RedemptionRequest r) return r.at();
        throw new IllegalArgumentException("event " + n + ": expected a CardTransaction, Refund or RedemptionRequest, got "
                + (e == null ? "null" : e.getClass().getSimpleName()));
    }

    /** The events of one engine call: one version, bounded size, no two claims on one member's lots. */
    private final class Batch {
        final RuleSetInfo version;
        final List<Object> events = new ArrayList<>();
        final Set<String> transactionIds = new HashSet<>();
        final Set<String> claimingMembers = new HashSet<>();
        final Set<String> buyingMembers = new HashSet<>();
        Instant first;
        Instant last;

        Batch(RuleSetInfo version) {
            this.version = version;
        }

        boolean accepts(Object e, RuleSetInfo v) {
            if (!v.version().equals(version.version()) || events.size() >= batchSize) return false;
            // a claim on a member's lots must see the ledger after that member's earlier purchases and claims
            if (e instanceof Refund f) {
                CardTransaction t = transactions.apply(f.transactionId());
                return !transactionIds.contains(f.transactionId())
                        && (t == null || !claimingMembers.contains(t.memberId()) && !buyingMembers.contains(t.memberId()));
            }
            if (e instanceof RedemptionRequest r) return !claimingMembers.contains(r.memberId()) && !buyingMembers.contains(r.memberId());
            return true;
        }

        void add(Object e) {
            Instant at = at(e, events.size() + 1).toInstant();
            if (first == null) first = at;
            last = at;
            events.add(e);
            if (e instanceof CardTransaction t) {
                transactionIds.add(t.id());
                buyingMembers.add(t.memberId());
            }
            if (e instanceof RedemptionRequest r) claimingMembers.add(r.memberId());
            if (e instanceof Refund f) {
                CardTransaction t = transactions.apply(f.transactionId());
                if (t != null) claimingMembers.add(t.memberId());
            }
        }
    }

    /** The rule set's versions by effective date. */
    private static final class Versions {
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
        private Function<String, Member> members = id -> null;
        private List<Campaign> campaigns = List.of();
        private int batchSize = 500;
        private Function<String, CardTransaction> transactions;

        private Builder(RulesEngine engine, Ledger ledger) {
            this.engine = Objects.requireNonNull(engine, "engine");
            this.ledger = Objects.requireNonNull(ledger, "ledger");
        }

        /** Who the members are (tier, status); an id it does not know is rejected as UNKNOWN_MEMBER. */
        public Builder members(Function<String, Member> members) {
            this.members = Objects.requireNonNull(members);
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

        /** Where refunds find their transaction; by default the transactions this processor has seen. */
        public Builder transactions(Function<String, CardTransaction> transactions) {
            this.transactions = transactions;
            return this;
        }

        public LoyaltyProcessor build() {
            return new LoyaltyProcessor(this);
        }
    }
}
