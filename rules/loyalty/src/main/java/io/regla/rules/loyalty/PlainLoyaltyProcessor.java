package io.regla.rules.loyalty;

import io.regla.api.RuleSetInfo;
import io.regla.api.Version;
import io.regla.rules.loyalty.ledger.InMemoryPurchaseHistory;
import io.regla.rules.loyalty.ledger.Ledger;
import io.regla.rules.loyalty.ledger.LedgerBook;
import io.regla.rules.loyalty.ledger.LotDraw;
import io.regla.rules.loyalty.ledger.PointsLotState;
import io.regla.rules.loyalty.ledger.Posting;
import io.regla.rules.loyalty.ledger.PostingResult;
import io.regla.rules.loyalty.ledger.Purchase;
import io.regla.rules.loyalty.ledger.PurchaseHistory;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * {@link LoyaltyProcessor} with its engine call replaced by the same decisions written in plain Java: the yardstick that
 * does the engine replay's whole job but the engine's. The same batches ({@link BatchPlanner}, the effective-dated
 * versions of {@link LoyaltyRates}: 1.0.1 from 2024-01-01, 1.1.1 from 2025-07-01, rates read from the rule files' tables),
 * the same purchase history, the same actions turned into the same postings, sorted and posted into the ledger the
 * same way (a redemption refused for changed lots decided again alone), the same expiry at the cut-over, and the same
 * {@link LoyaltyReport}. So on an {@code InMemoryLedger} it ends with exactly the engine replay's ledger, entry for entry
 * (a property checks it), and the engine replay's cost over this one's is the engine's alone.
 *
 * <p>What each rule decides, here: accrual (unknown member, member not active, a purchase holding a lot or refunded in
 * the same batch left alone, an unknown category earning as OTHER, the monthly cap from the month's lots then each
 * accrual of the batch in time order, {@code accrue-points} or {@code monthly-cap} as the note), refunds (unknown
 * transaction, cumulative refunds past the purchase rejected, the reversal in proportion to what the purchase's lot
 * earned), redemptions (not positive, insufficient, else the available lots oldest expiry first) and expiry (a lot with
 * points left once the batch's clock reaches its expiry). Campaigns are not part of a migration's replay and are not
 * decided here: a processor built with campaigns would not be this one.
 */
public final class PlainLoyaltyProcessor {

    private static final int REDECIDE_ATTEMPTS = 3;

    private final Ledger ledger;
    private final Function<Collection<String>, Map<String, Member>> members;
    private final int batchSize;
    private final PurchaseHistory history;
    /** The versions as the batch planner knows them (it only compares their version numbers), and their rates. */
    private final LoyaltyProcessor.Versions versions;
    private final Map<RuleSetInfo, LoyaltyRates.Version> rates = new HashMap<>();

    /**
     * @param members who the members are, looked up a batch at a time (an id it does not know is rejected as UNKNOWN_MEMBER)
     */
    public PlainLoyaltyProcessor(LoyaltyRates rules, Ledger ledger, PurchaseHistory history,
                                 Function<Collection<String>, Map<String, Member>> members, int batchSize) {
        if (batchSize < 1) throw new IllegalArgumentException("batchSize must be positive");
        Objects.requireNonNull(rules, "rules");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.history = history != null ? history : new InMemoryPurchaseHistory();
        this.members = Objects.requireNonNull(members, "members");
        this.batchSize = batchSize;
        for (LoyaltyRates.Version v : rules.versions()) {
            RuleSetInfo info = new RuleSetInfo(LoyaltyProcessor.RULE_SET, Version.parse(v.version()), v.effectiveFrom(), v.zone(), "",
                    List.of(), "", "plain", RuleSetInfo.State.COMPILED, List.of());
            rates.put(info, v);
        }
        versions = new LoyaltyProcessor.Versions(rates.keySet());
    }

    /** As {@link LoyaltyProcessor#process}: decides and posts the events, which must be in time order. */
    public LoyaltyReport process(Iterable<?> events) {
        LoyaltyReport report = new LoyaltyReport();
        BatchPlanner planner = new BatchPlanner(batchSize, b -> flush(b, report), e -> { });
        LoyaltyProcessor.offerAll(events, batchSize, history, versions, planner, report);
        return report;
    }

    /** As {@link LoyaltyProcessor#expire}: every lot due by {@code asOf}, a page of members at a time. */
    public LoyaltyReport expire(Instant asOf) {
        LoyaltyReport report = new LoyaltyReport();
        RuleSetInfo version = versions.at(asOf, asOf);
        String after = null;
        while (true) {
            List<String> due = ledger.membersWithLotsDue(asOf, after, batchSize);
            if (due.isEmpty()) return report;
            Map<String, List<PointsLotState>> lots = ledger.lots(due);
            report.decision(0);
            List<Posting> postings = new ArrayList<>();
            lots.values().forEach(ls -> ls.forEach(l -> {
                if (lapsed(l, asOf)) postings.add(new Posting.Expiry(l.memberId(), l.lotId(), l.expiresAt()));
            }));
            LoyaltyProcessor.EventsById none = LoyaltyProcessor.EventsById.keyed(Map.of());
            LoyaltyProcessor.postInOrder(ledger, postings, none, report, version, refused -> redecide(refused, none, report));
            after = due.get(due.size() - 1);
        }
    }

    /** One batch: the facts the engine would get, the rules' decisions in Java, the postings as the engine's processor posts them. */
    private void flush(EventBatch batch, LoyaltyReport report) {
        LoyaltyRates.Version v = rates.get(batch.version);
        ZoneId zone = v.zone();
        Set<String> refundedIds = new HashSet<>();
        for (Object e : batch.events) {
            if (e instanceof Refund f) refundedIds.add(f.transactionId());
        }
        Map<String, Purchase> purchases = refundedIds.isEmpty() ? Map.of() : history.purchases(refundedIds);
        Set<String> memberIds = new LinkedHashSet<>();
        Map<String, Object> events = new HashMap<>();
        Map<String, Instant> lastAt = new HashMap<>();
        // the CardTransaction facts: the batch's purchases and the purchase of each refund
        Map<String, CardTransaction> transactions = new HashMap<>();
        List<CardTransaction> bought = new ArrayList<>();
        List<Refund> refunds = new ArrayList<>();
        List<RedemptionRequest> requests = new ArrayList<>();
        for (Object e : batch.events) {
            String member = null;
            if (e instanceof CardTransaction t) {
                member = t.memberId();
                transactions.putIfAbsent(t.id(), t);
                bought.add(t);
                events.put("T:" + t.id(), t);
            } else if (e instanceof RedemptionRequest r) {
                member = r.memberId();
                requests.add(r);
                events.put("R:" + r.id(), r);
            } else if (e instanceof Refund f) {
                Refund fact = f;
                Purchase p = purchases.get(f.transactionId());
                if (p != null) {
                    member = p.transaction().memberId();
                    transactions.computeIfAbsent(f.transactionId(), id -> PurchaseFacts.transaction(p.transaction()));
                    fact = f.withRefundedBefore(p.refundedBefore(f.id()));
                }
                refunds.add(fact);
                events.put("F:" + f.id(), fact);
            }
            if (member != null) {
                memberIds.add(member);
                lastAt.merge(member, EventBatch.at(e).toInstant(), (x, y) -> x.isAfter(y) ? x : y);
            }
        }
        Map<String, Member> known = members.apply(memberIds);
        Map<String, List<PointsLotState>> lots = ledger.lots(memberIds);
        report.decision(batch.events.size());

        List<Posting> postings = new ArrayList<>();
        Set<String> refused = new HashSet<>();
        Set<String> beingRefunded = new HashSet<>();
        for (Refund f : refunds) beingRefunded.add(f.transactionId());
        accrue(bought, beingRefunded, known, lots, v, zone, postings, report);
        for (Refund f : refunds) {
            if (!refund(f, transactions.get(f.transactionId()), lots, postings, report)) refused.add(f.id());
        }
        redeem(requests, lots, postings, report);
        // expire-lot: a lot with points left once the batch's clock reaches its expiry, posted only up to its member's last event
        lots.forEach((m, ls) -> {
            Instant until = lastAt.get(m);
            for (PointsLotState l : ls) {
                if (lapsed(l, batch.last) && until != null && !l.expiresAt().isAfter(until)) {
                    postings.add(new Posting.Expiry(m, l.lotId(), l.expiresAt()));
                }
            }
        });
        LoyaltyProcessor.EventsById byId = LoyaltyProcessor.EventsById.keyed(events);
        LoyaltyProcessor.postInOrder(ledger, postings, byId, report, batch.version, conflict -> redecide(conflict, byId, report));
        if (!refunds.isEmpty()) history.recordRefunds(PurchaseFacts.refunds(refunds.stream().filter(f -> !refused.contains(f.id())).toList()));
    }

    /** The rules' {@code remaining > 0} of a lot fact (an expired lot's remaining is 0) and {@code reached(expiresAt, now)}. */
    private static boolean lapsed(PointsLotState l, Instant now) {
        return !l.expired() && l.remaining() > 0 && !now.isBefore(l.expiresAt());
    }

    /**
     * accrual.drl: each member's purchases of a month capped in time order (instant, then id) against what the month's
     * lots earned and what the batch already granted.
     */
    private void accrue(List<CardTransaction> bought, Set<String> beingRefunded, Map<String, Member> known,
                        Map<String, List<PointsLotState>> lots, LoyaltyRates.Version v, ZoneId zone, List<Posting> postings,
                        LoyaltyReport report) {
        List<CardTransaction> eligible = new ArrayList<>(bought.size());
        for (CardTransaction t : bought) {
            if (beingRefunded.contains(t.id())) continue;
            Member m = known.get(t.memberId());
            if (m == null) {
                report.rejected("UNKNOWN_MEMBER");
            } else if (m.status() != MemberStatus.ACTIVE) {
                report.rejected("MEMBER_NOT_ACTIVE");
            } else if (!holdsLot(lots.get(t.memberId()), t.id())) {
                eligible.add(t);
            }
        }
        eligible.sort(Comparator.comparing((CardTransaction t) -> t.at().toInstant()).thenComparing(CardTransaction::id));
        // used per member and month: the month's lots (spent and expired ones too), then each accrual
        Map<String, Long> used = new HashMap<>();
        for (CardTransaction t : eligible) {
            Member m = known.get(t.memberId());
            int month = Points.monthIndex(t.at(), zone);
            long before = used.computeIfAbsent(t.memberId() + "|" + month, k -> earnedInMonth(lots.get(t.memberId()), month, zone));
            long points = Points.earned(t.amount(), v.category(t.category()), v.tiers().get(m.tier()), BigDecimal.ONE);
            long cap = v.caps().get(m.tier());
            String rule = "accrue-points";
            if (cap < before + points) {
                points = Math.max(0, cap - before);
                rule = "monthly-cap";
            }
            used.put(t.memberId() + "|" + month, before + points);
            if (points > 0) {
                postings.add(new Posting.Accrual(t.memberId(), t.id(), points, t.at().toInstant(),
                        Points.plusDays(t.at(), v.pendingDays(), zone).toInstant(), Points.plusMonths(t.at(), v.expiryMonths(), zone).toInstant(),
                        rule));
            }
        }
    }

    private static boolean holdsLot(List<PointsLotState> lots, String transactionId) {
        if (lots == null) return false;
        for (PointsLotState l : lots) {
            if (l.sourceId().equals(transactionId)) return true;
        }
        return false;
    }

    private static long earnedInMonth(List<PointsLotState> lots, int month, ZoneId zone) {
        long sum = 0;
        if (lots == null) return 0;
        java.time.zone.ZoneRules zoneRules = zone.getRules();
        for (PointsLotState l : lots) {
            if (Points.monthIndex(l.earnedAt().getEpochSecond(), zoneRules) == month) sum += l.points();
        }
        return sum;
    }

    /** refund.drl; false when the refund is rejected (it then does not count as refunded). */
    private static boolean refund(Refund f, CardTransaction t, Map<String, List<PointsLotState>> lots, List<Posting> postings,
                                  LoyaltyReport report) {
        if (t == null) {
            report.rejected("UNKNOWN_TRANSACTION");
            return false;
        }
        if (t.amount().compareTo(f.refundedTotal()) < 0) {
            report.rejected("REFUND_EXCEEDS_TRANSACTION");
            return false;
        }
        List<PointsLotState> own = lots.get(t.memberId());
        if (own == null) return true;
        for (PointsLotState l : own) {
            if (l.sourceId().equals(t.id())) {
                long points = Points.reversed(l.points(), f.refundedBefore(), f.amount(), t.amount());
                if (points > 0) postings.add(new Posting.Reversal(t.memberId(), f.id(), t.id(), points, f.at().toInstant()));
            }
        }
        return true;
    }

    /** redemption.drl: a member's requests in time order, each on the lots its earlier ones left. */
    private static void redeem(List<RedemptionRequest> requests, Map<String, List<PointsLotState>> lots, List<Posting> postings,
                               LoyaltyReport report) {
        if (requests.isEmpty()) return;
        List<RedemptionRequest> ordered = new ArrayList<>(requests);
        ordered.sort(Comparator.comparing((RedemptionRequest r) -> r.at().toInstant()).thenComparing(RedemptionRequest::id));
        Map<String, Map<String, Long>> spent = new HashMap<>();
        for (RedemptionRequest r : ordered) {
            if (r.points() <= 0) {
                report.rejected("INVALID_POINTS");
                continue;
            }
            Map<String, Long> taken = spent.computeIfAbsent(r.memberId(), k -> new HashMap<>());
            List<LotDraw> draws = allocate(lots.getOrDefault(r.memberId(), List.of()), taken, r.at().toInstant(), r.points());
            if (draws == null) {
                report.rejected("INSUFFICIENT_POINTS");
                continue;
            }
            draws.forEach(d -> taken.merge(d.lotId(), d.points(), Long::sum));
            postings.add(new Posting.Redemption(r.memberId(), r.id(), r.at().toInstant(), draws));
        }
    }

    /** {@link Points#allocate} on the ledger's lots: available ones oldest expiry first, the last split; null if short. */
    private static List<LotDraw> allocate(List<PointsLotState> lots, Map<String, Long> taken, Instant at, long points) {
        List<PointsLotState> open = new ArrayList<>();
        long available = 0;
        for (PointsLotState l : lots) {
            long left = l.remaining() - taken.getOrDefault(l.lotId(), 0L);
            if (left > 0 && !l.expired() && !at.isBefore(l.availableAt()) && at.isBefore(l.expiresAt())) {
                open.add(left == l.remaining() ? l : new PointsLotState(l.lotId(), l.memberId(), l.sourceId(), l.points(), left,
                        l.earnedAt(), l.availableAt(), l.expiresAt(), false));
                available += left;
            }
        }
        if (available < points) return null;
        open.sort(LedgerBook.DRAW_ORDER);
        List<LotDraw> out = new ArrayList<>();
        long left = points;
        for (PointsLotState l : open) {
            if (left == 0) break;
            long take = Math.min(left, l.remaining());
            out.add(new LotDraw(l.lotId(), take));
            left -= take;
        }
        return out;
    }

    private void redecide(Posting refused, LoyaltyProcessor.EventsById events, LoyaltyReport report) {
        RedemptionRequest r = LoyaltyProcessor.conflicted(refused, events, report);
        if (r == null) return;
        for (int attempt = 0; attempt < REDECIDE_ATTEMPTS; attempt++) {
            List<PointsLotState> lots = ledger.lots(List.of(r.memberId())).getOrDefault(r.memberId(), List.of());
            report.decision(0);
            List<LotDraw> draws = allocate(lots, Map.of(), r.at().toInstant(), r.points());
            if (draws == null) {
                report.rejected("INSUFFICIENT_POINTS");
                return;
            }
            PostingResult again = ledger.post(new Posting.Redemption(r.memberId(), r.id(), r.at().toInstant(), draws));
            if (again.outcome() != PostingResult.Outcome.CONFLICT) {
                if (again.outcome() == PostingResult.Outcome.POSTED) report.redeemed(r.points());
                else report.duplicate();
                return;
            }
        }
        report.conflict();
    }
}
