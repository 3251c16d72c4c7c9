package io.regla.rules.loyalty.migration;

import io.regla.rules.loyalty.CardTransaction;
import io.regla.rules.loyalty.Member;
import io.regla.rules.loyalty.MemberStatus;
import io.regla.rules.loyalty.Points;
import io.regla.rules.loyalty.RedemptionRequest;
import io.regla.rules.loyalty.Refund;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The loyalty rules in plain Java, one member at a time: accrual (category × tier, monthly cap, pending
 * days, expiry), cumulative refunds, redemptions oldest expiry first, expiry. It is what the old CRM should
 * have computed; the synthetic export's balances come from it, and the benchmark compares the engine's
 * replay with it. The rates come from the rule set tables ({@link PlainRules}). Campaigns are not part of the
 * CRM export and are not replayed here.
 */
public final class PlainReplay {

    private static final Comparator<Lot> DRAW = Comparator.comparing((Lot l) -> l.expiresAt).thenComparing(l -> l.earnedAt)
            .thenComparing(l -> l.id);

    private final PlainRules rules;

    public PlainReplay(PlainRules rules) {
        this.rules = rules;
    }

    private static final class Lot {
        final String id;
        final long points;
        long remaining;
        final Instant earnedAt, availableAt, expiresAt;
        boolean expired;

        Lot(String id, long points, Instant earnedAt, Instant availableAt, Instant expiresAt) {
            this.id = id;
            this.points = points;
            this.remaining = points;
            this.earnedAt = earnedAt;
            this.availableAt = availableAt;
            this.expiresAt = expiresAt;
        }

        boolean available(Instant at) {
            return remaining > 0 && !expired && !at.isBefore(availableAt) && at.isBefore(expiresAt);
        }

        boolean pending(Instant at) {
            return remaining > 0 && at.isBefore(availableAt);
        }
    }

    /** A member's replayed book: the balance (sum of every movement) and the movements' totals. */
    public static final class Book {
        private final Map<String, Lot> lots = new LinkedHashMap<>();
        private final Map<String, CardTransaction> purchases = new HashMap<>();
        private final Map<String, BigDecimal> refunded = new HashMap<>();
        long lotless, accrued, redeemed, reversed, expired;
        int rejected;

        public long balance() {
            long sum = lotless;
            for (Lot l : lots.values()) sum += l.remaining;
            return sum;
        }

        public long accrued() {
            return accrued;
        }

        public long redeemed() {
            return redeemed;
        }

        public long reversed() {
            return reversed;
        }

        public long expired() {
            return expired;
        }
    }

    /**
     * Replays one member's events (transactions, refunds of its transactions, redemptions) and expires what
     * lapsed by {@code asOf}.
     *
     * @param events the member's events in time order (ties: transactions, refunds, redemptions, then id)
     */
    public Book replay(Member member, List<?> events, Instant asOf) {
        Book b = new Book();
        for (Object e : events) apply(b, member, e);
        expire(b, asOf);
        return b;
    }

    /** Applies one more event (in time order) to a member's book. */
    public void apply(Book b, Member member, Object e) {
        if (e instanceof CardTransaction t) accrue(b, member, t);
        else if (e instanceof Refund f) refund(b, f);
        else if (e instanceof RedemptionRequest r) redeem(b, r);
        else throw new IllegalArgumentException("not a loyalty event: " + e);
    }

    /** Expires what lapsed by {@code asOf}. */
    public void expire(Book b, Instant asOf) {
        for (Lot l : b.lots.values()) {
            if (!l.expired && !asOf.isBefore(l.expiresAt)) {
                b.expired += l.remaining;
                l.remaining = 0;
                l.expired = true;
            }
        }
    }

    private void accrue(Book b, Member m, CardTransaction t) {
        if (b.purchases.putIfAbsent(t.id(), t) != null) return;
        if (m == null || m.status() != MemberStatus.ACTIVE) {
            b.rejected++;
            return;
        }
        Instant at = t.at().toInstant();
        PlainRules.Version v = rules.at(at);
        ZoneId zone = v.zone();
        long points = Points.earned(t.amount(), v.category(t.category()), v.tiers().get(m.tier()), BigDecimal.ONE);
        YearMonth month = YearMonth.from(at.atZone(zone));
        long used = 0;
        for (Lot l : b.lots.values()) {
            if (YearMonth.from(l.earnedAt.atZone(zone)).equals(month)) used += l.points;
        }
        long granted = Math.min(points, Math.max(0, v.caps().get(m.tier()) - used));
        if (granted <= 0) return;
        Lot lot = new Lot(t.id(), granted, at, t.at().atZoneSameInstant(zone).plusDays(v.pendingDays()).toInstant(),
                t.at().atZoneSameInstant(zone).plusMonths(v.expiryMonths()).toInstant());
        long repay = Math.min(granted, Math.max(0, -b.lotless));
        lot.remaining -= repay;
        b.lotless += repay;
        b.lots.put(lot.id, lot);
        b.accrued += granted;
    }

    private void refund(Book b, Refund f) {
        CardTransaction t = b.purchases.get(f.transactionId());
        if (t == null) {
            b.rejected++;
            return;
        }
        BigDecimal before = b.refunded.getOrDefault(t.id(), BigDecimal.ZERO);
        if (before.add(f.amount()).compareTo(t.amount()) > 0) {
            b.rejected++;
            return;
        }
        b.refunded.put(t.id(), before.add(f.amount()));
        Lot own = b.lots.get(t.id());
        if (own == null) return;
        long points = Points.reversed(own.points, before, f.amount(), t.amount());
        if (points <= 0) return;
        Instant at = f.at().toInstant();
        List<Lot> order = new ArrayList<>();
        if (own.remaining > 0 && !own.expired && at.isBefore(own.expiresAt)) order.add(own);
        List<Lot> others = new ArrayList<>();
        for (Lot l : b.lots.values()) if (l != own) others.add(l);
        others.sort(DRAW);
        for (Lot l : others) if (l.available(at)) order.add(l);
        for (Lot l : others) if (l.pending(at)) order.add(l);
        long left = points;
        for (Lot l : order) {
            long take = Math.min(left, l.remaining);
            l.remaining -= take;
            left -= take;
            if (left == 0) break;
        }
        b.lotless -= left;
        b.reversed += points;
    }

    private void redeem(Book b, RedemptionRequest r) {
        Instant at = r.at().toInstant();
        if (r.points() <= 0) {
            b.rejected++;
            return;
        }
        List<Lot> open = new ArrayList<>();
        long available = 0;
        for (Lot l : b.lots.values()) {
            if (l.available(at)) {
                open.add(l);
                available += l.remaining;
            }
        }
        if (available < r.points()) {
            b.rejected++;
            return;
        }
        open.sort(DRAW);
        long left = r.points();
        for (Lot l : open) {
            long take = Math.min(left, l.remaining);
            l.remaining -= take;
            left -= take;
            if (left == 0) break;
        }
        b.redeemed += r.points();
    }

    /** Available points of a book at {@code at} (what a member could redeem then): the generator's guide. */
    public static long available(Book b, Instant at) {
        long sum = 0;
        for (Lot l : b.lots.values()) if (l.available(at)) sum += l.remaining;
        return sum;
    }
}
