package io.regla.rules.loyalty;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The arithmetic the loyalty rules call: rounding, calendar months, lot allocation. Pure functions. */
public final class Points {

    /** Points are earned per this many units of the transaction's amount (ARS). */
    public static final BigDecimal AMOUNT_PER_POINT = BigDecimal.valueOf(100);

    /** Oldest expiry first; ties by earning time, then lot id, so the order is total and repeatable. */
    public static final Comparator<PointsLot> SPENDING_ORDER = Comparator.comparing((PointsLot l) -> l.expiresAt().toInstant())
            .thenComparing(l -> l.earnedAt().toInstant()).thenComparing(PointsLot::id);

    private Points() {
    }

    /** floor(amount / 100); negative amounts earn nothing. */
    public static long base(BigDecimal amount) {
        if (amount.signum() <= 0) return 0;
        return amount.divide(AMOUNT_PER_POINT, 0, RoundingMode.FLOOR).longValueExact();
    }

    /** floor(floor(amount / 100) × category × tier × campaigns). */
    public static long earned(BigDecimal amount, BigDecimal category, BigDecimal tier, BigDecimal campaigns) {
        return BigDecimal.valueOf(base(amount)).multiply(category).multiply(tier).multiply(campaigns)
                .setScale(0, RoundingMode.FLOOR).longValueExact();
    }

    /** The product of the multipliers of the campaigns (1 when there are none). */
    public static BigDecimal campaignFactor(Collection<?> campaigns) {
        BigDecimal f = BigDecimal.ONE;
        for (Object c : campaigns) f = f.multiply(((Campaign) c).multiplier());
        return f;
    }

    public static String month(OffsetDateTime at, ZoneId zone) {
        return YearMonth.from(at.atZoneSameInstant(zone)).toString();
    }

    public static OffsetDateTime plusDays(OffsetDateTime at, int days, ZoneId zone) {
        return at.atZoneSameInstant(zone).plusDays(days).toOffsetDateTime();
    }

    public static OffsetDateTime plusMonths(OffsetDateTime at, int months, ZoneId zone) {
        return at.atZoneSameInstant(zone).plusMonths(months).toOffsetDateTime();
    }

    /** Strictly earlier in processing order: by instant, then by id. */
    public static boolean earlier(OffsetDateTime at, String id, OffsetDateTime thanAt, String thanId) {
        int c = compareInstants(at, thanAt);
        return c < 0 || c == 0 && id.compareTo(thanId) < 0;
    }

    /** Whether {@code at} lies in {@code [from, to)}, compared as instants (offsets may differ). */
    public static boolean active(OffsetDateTime from, OffsetDateTime to, OffsetDateTime at) {
        return compareInstants(at, from) >= 0 && compareInstants(at, to) < 0;
    }

    public static boolean reached(OffsetDateTime moment, Instant now) {
        long s = moment.toEpochSecond();
        return now.getEpochSecond() > s || now.getEpochSecond() == s && now.getNano() >= moment.getNano();
    }

    /**
     * {@code a.toInstant().compareTo(b.toInstant())} without building the two instants (the rules compare event times in
     * their constraints, many times per event).
     */
    static int compareInstants(OffsetDateTime a, OffsetDateTime b) {
        int c = Long.compare(a.toEpochSecond(), b.toEpochSecond());
        return c != 0 ? c : Integer.compare(a.getNano(), b.getNano());
    }

    /**
     * Points counted against a member's cap in a month: lots earned that month (the ledger's) plus what
     * this decision already granted.
     */
    public static long usedInMonth(Collection<?> lots, Collection<?> accruals, String month, ZoneId zone) {
        long used = 0;
        if (!lots.isEmpty()) {
            // the rules call this for every pending purchase each time a member's accruals change: compare months as
            // numbers (exactly what month() would print) instead of building a string per lot
            int wanted = monthIndex(YearMonth.parse(month));
            java.time.zone.ZoneRules rules = zone.getRules();
            ZoneCalendar calendar = rules.isFixedOffset() ? null : ZoneCalendar.of(rules);
            for (Object o : lots) {
                long s = ((PointsLot) o).earnedAt().toEpochSecond();
                if ((calendar == null ? monthIndex(s, rules) : calendar.monthIndex(s)) == wanted) used += ((PointsLot) o).points();
            }
        }
        for (Object o : accruals) {
            Accrual a = (Accrual) o;
            if (a.month().equals(month)) used += a.granted();
        }
        return used;
    }

    /**
     * The calendar month of {@code at} in {@code zone} as one number, year × 12 + month − 1: what the lean versions key
     * a member's monthly cap by ({@link MonthUsage}); equal months give equal numbers, as {@link #month} gives equal text.
     */
    public static int monthIndex(OffsetDateTime at, ZoneId zone) {
        java.time.zone.ZoneRules rules = zone.getRules();
        // the rules evaluate this many times per event for the same few months: a zone with transitions answers from
        // its remembered windows (ZoneCalendar) instead of searching its transitions each time
        return rules.isFixedOffset() ? monthIndex(at.toEpochSecond(), rules) : ZoneCalendar.of(rules).monthIndex(at.toEpochSecond());
    }

    /**
     * Whether the event ({@code at}, {@code id}) comes after ({@code afterAt}, {@code afterId}) in processing order
     * (instant, then id); everything comes after a null {@code afterAt}.
     */
    public static boolean after(OffsetDateTime at, String id, OffsetDateTime afterAt, String afterId) {
        return afterAt == null || earlier(afterAt, afterId, at, id);
    }

    private static int monthIndex(YearMonth m) {
        return m.getYear() * 12 + m.getMonthValue() - 1;
    }

    /**
     * The calendar month of an instant (its epoch second) in the zone, as {@code YearMonth.from(at.atZoneSameInstant(zone))}
     * without allocating it, computed from the zone's rules each time ({@link #monthIndex(OffsetDateTime, ZoneId)} gives the
     * same from remembered windows).
     */
    static int monthIndex(long epochSecond, java.time.zone.ZoneRules rules) {
        int offset = rules.isFixedOffset() ? rules.getOffset(Instant.EPOCH).getTotalSeconds()
                : rules.getOffset(Instant.ofEpochSecond(epochSecond)).getTotalSeconds();
        java.time.LocalDate day = java.time.LocalDate.ofEpochDay(Math.floorDiv(epochSecond + offset, 86_400L));
        return day.getYear() * 12 + day.getMonthValue() - 1;
    }

    /**
     * Points one refund reverses when refunds are cumulative: what all refunds up to this one reverse,
     * floor(earned × (before + refunded) / amount), minus what the earlier ones reversed. The parts add up to
     * floor(earned × total / amount), so together they never pass {@code earned}.
     */
    public static long reversed(long earned, BigDecimal before, BigDecimal refunded, BigDecimal amount) {
        return Math.max(0, proportional(earned, before.add(refunded), amount) - proportional(earned, before, amount));
    }

    /**
     * The rule engine's firing priority for an event at {@code at}: earlier events get a higher one, so a
     * member's events are decided in time order without comparing every pair of them in the rules. Seconds
     * since 2000 (negated) fit an int until 2068; the processor never puts two events of one member at the
     * same second in one decision.
     */
    public static int earlierFirst(OffsetDateTime at) {
        long s = at.toEpochSecond() - 946_684_800L;
        return (int) -Math.max(0, Math.min(Integer.MAX_VALUE - 1, s));
    }

    /** Points refunded in proportion: floor(earned × refunded / amount), never more than earned. */
    public static long proportional(long earned, BigDecimal refunded, BigDecimal amount) {
        if (refunded.compareTo(amount) >= 0) return earned;
        return BigDecimal.valueOf(earned).multiply(refunded).divide(amount, 0, RoundingMode.FLOOR).longValueExact();
    }

    /** What is spendable at {@code at} after the redemptions this decision already granted. */
    public static long available(Collection<?> lots, Collection<?> redemptions, OffsetDateTime at) {
        long sum = 0;
        for (PointsLot l : remainingAfter(lots, redemptions)) {
            if (l.availableAt(at)) sum += l.remaining();
        }
        return sum;
    }

    /**
     * Takes {@code points} from the lots available at {@code at}, oldest expiry first, splitting the last.
     *
     * @throws IllegalStateException if they do not hold enough (the rules check {@link #available} first)
     */
    public static List<LotPoints> allocate(Collection<?> lots, Collection<?> redemptions, OffsetDateTime at, long points) {
        List<PointsLot> open = new ArrayList<>();
        for (PointsLot l : remainingAfter(lots, redemptions)) {
            if (l.availableAt(at)) open.add(l);
        }
        open.sort(SPENDING_ORDER);
        List<LotPoints> taken = new ArrayList<>();
        long left = points;
        for (PointsLot l : open) {
            if (left == 0) break;
            long take = Math.min(left, l.remaining());
            taken.add(new LotPoints(l.id(), take));
            left -= take;
        }
        if (left > 0) throw new IllegalStateException("lots hold " + (points - left) + " of " + points + " points");
        return taken;
    }

    private static List<PointsLot> remainingAfter(Collection<?> lots, Collection<?> redemptions) {
        Map<String, Long> spent = new HashMap<>();
        for (Object o : redemptions) {
            for (LotPoints lp : ((RedeemPoints) o).lots()) spent.merge(lp.lotId(), lp.points(), Long::sum);
        }
        List<PointsLot> out = new ArrayList<>(lots.size());
        for (Object o : lots) {
            PointsLot l = (PointsLot) o;
            long s = spent.getOrDefault(l.id(), 0L);
            out.add(s == 0 ? l : new PointsLot(l.id(), l.memberId(), l.transactionId(), l.points(), l.remaining() - s,
                    l.earnedAt(), l.availableAt(), l.expiresAt()));
        }
        return out;
    }
}
