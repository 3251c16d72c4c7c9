package io.regla.examples.loyalty;

import io.regla.rules.loyalty.ledger.Posting;
import io.regla.rules.loyalty.Campaign;
import io.regla.rules.loyalty.CardTransaction;
import io.regla.rules.loyalty.Member;
import io.regla.rules.loyalty.MemberStatus;
import io.regla.rules.loyalty.RedemptionRequest;
import io.regla.rules.loyalty.Refund;
import io.regla.rules.loyalty.Tier;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A deterministic synthetic bank: members with tiers and statuses, the balances migrated from the old
 * CRM (lots earned in 2023, so some expire during the year), campaigns, and a year of card
 * transactions, refunds and redemption requests, month by month.
 */
final class SyntheticLoyalty {

    static final ZoneId ZONE = ZoneId.of("America/Argentina/Buenos_Aires");
    static final String[] CATEGORIES = {"SUPERMARKET", "SUPERMARKET", "SUPERMARKET", "FUEL", "FUEL", "TRAVEL", "OTHER",
            "OTHER", "RESTAURANT", "PHARMACY"};

    private final Random random;
    final Map<String, Member> members = new LinkedHashMap<>();
    final List<Campaign> campaigns = new ArrayList<>();
    private final int year;
    private final double transactionsPerMemberMonth;
    private final List<CardTransaction> recent = new ArrayList<>();
    private int serial;

    SyntheticLoyalty(long seed, int memberCount, int year, double transactionsPerMemberMonth) {
        this.random = new Random(seed);
        this.year = year;
        this.transactionsPerMemberMonth = transactionsPerMemberMonth;
        for (int i = 1; i <= memberCount; i++) {
            int t = random.nextInt(100);
            Tier tier = t < 60 ? Tier.CLASSIC : t < 85 ? Tier.GOLD : t < 95 ? Tier.PLATINUM : Tier.BLACK;
            int s = random.nextInt(100);
            MemberStatus status = s < 97 ? MemberStatus.ACTIVE : s < 99 ? MemberStatus.BLOCKED : MemberStatus.CLOSED;
            String id = String.format("M%05d", i);
            members.put(id, new Member(id, tier, status, LocalDate.of(2015 + random.nextInt(9), 1 + random.nextInt(12), 1)));
        }
        campaigns.add(new Campaign("VERANO-TRAVEL", "TRAVEL", new BigDecimal("2"), at(year, 1, 1), at(year, 3, 1)));
        campaigns.add(new Campaign("HOT-SALE", "OTHER", new BigDecimal("3"), at(year, 5, 12), at(year, 5, 15)));
        campaigns.add(new Campaign("FIN-DE-ANO-SUPER", "SUPERMARKET", new BigDecimal("1.5"), at(year, 12, 1), at(year + 1, 1, 1)));
    }

    private static OffsetDateTime at(int y, int m, int d) {
        return LocalDate.of(y, m, d).atStartOfDay(ZONE).toOffsetDateTime();
    }

    /** Balances migrated from the old CRM: one lot per member, earned in 2023 (expiring in 2025). */
    List<Posting> openingBalances() {
        List<Posting> out = new ArrayList<>();
        for (Member m : members.values()) {
            OffsetDateTime earned = at(year - 2, 1 + random.nextInt(12), 1 + random.nextInt(28)).plusHours(12);
            long points = 100 + random.nextInt(3000);
            out.add(new Posting.Accrual(m.id(), "CRM-" + m.id(), points, earned.toInstant(),
                    earned.plusDays(10).toInstant(), earned.plusMonths(24).toInstant(), "migrated from the old CRM"));
        }
        return out;
    }

    /** One month of events in time order. */
    List<Object> month(int month) {
        YearMonth ym = YearMonth.of(year, month);
        OffsetDateTime start = at(year, month, 1);
        long seconds = Duration.between(start, start.plusMonths(1)).toSeconds();
        List<Object> events = new ArrayList<>();
        for (Member m : members.values()) {
            // Poisson-like: on average transactionsPerMemberMonth purchases
            int n = 0;
            for (double left = transactionsPerMemberMonth; left > 0; left -= 1) {
                if (random.nextDouble() < Math.min(1, left)) n++;
            }
            for (int k = 0; k < n; k++) {
                OffsetDateTime when = start.plusSeconds((long) (random.nextDouble() * seconds));
                String category = CATEGORIES[random.nextInt(CATEGORIES.length)];
                double base = category.equals("TRAVEL") ? 150_000 : category.equals("FUEL") ? 40_000 : 25_000;
                BigDecimal amount = BigDecimal.valueOf(Math.round(base * (0.2 + random.nextDouble() * 1.6) * 100), 2);
                CardTransaction t = new CardTransaction("T" + ym + "-" + (++serial), m.id(), amount, "ARS", category,
                        random.nextBoolean() ? "POS" : "ONLINE", "MER-" + random.nextInt(500), when);
                events.add(t);
                if (random.nextInt(100) < 2) {
                    BigDecimal part = random.nextBoolean() ? amount : amount.multiply(BigDecimal.valueOf(random.nextInt(90) + 5, 2));
                    events.add(new Refund("F-" + t.id(), t.id(), part.setScale(2, java.math.RoundingMode.DOWN),
                            when.plusDays(1 + random.nextInt(5))));
                }
            }
            if (random.nextInt(100) < 4) {
                events.add(new RedemptionRequest("R" + ym + "-" + (++serial), m.id(), 500L * (1 + random.nextInt(8)),
                        "REWARD-" + random.nextInt(20), start.plusSeconds((long) (random.nextDouble() * seconds))));
            }
        }
        events.removeIf(e -> e instanceof Refund f && !f.at().isBefore(start.plusMonths(1)));
        events.sort(Comparator.comparing(SyntheticLoyalty::instant));
        return events;
    }

    private static java.time.Instant instant(Object e) {
        if (e instanceof CardTransaction t) return t.at().toInstant();
        if (e instanceof Refund f) return f.at().toInstant();
        return ((RedemptionRequest) e).at().toInstant();
    }

    int year() {
        return year;
    }
}
