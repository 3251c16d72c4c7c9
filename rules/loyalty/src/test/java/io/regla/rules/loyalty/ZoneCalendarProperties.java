package io.regla.rules.loyalty;

import io.regla.rules.loyalty.ledger.PointsLotState;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules' month of an instant ({@link Points#monthIndex(OffsetDateTime, ZoneId)}) and the lots' instants in the rule
 * set's zone ({@link LoyaltyProcessor#pointsLot}) come from remembered windows ({@link ZoneCalendar}): for every instant
 * they must be what the zone's rules compute afresh, whatever was asked before (the windows of other months, other zones),
 * around month ends, daylight-saving changes, changes at midnight and zones that skipped a day.
 */
class ZoneCalendarProperties {

    private static final long FROM = -631_152_000L;      // 1950
    private static final long TO = 4_102_444_800L;       // 2100

    @Provide
    Arbitrary<ZoneId> zones() {
        return Arbitraries.of(
                ZoneId.of("America/Argentina/Buenos_Aires"),   // the bundled rule sets' zone: DST until 2009
                ZoneId.of("Europe/Madrid"), ZoneId.of("Europe/London"), ZoneId.of("America/Santiago"),
                ZoneId.of("America/Sao_Paulo"),                 // changes at midnight (month ends) until 2019
                ZoneId.of("America/Havana"), ZoneId.of("America/Asuncion"), ZoneId.of("Asia/Tehran"),
                ZoneId.of("Australia/Lord_Howe"),               // 30-minute DST
                ZoneId.of("Pacific/Apia"),                      // skipped 30 December 2011
                ZoneId.of("Pacific/Kiritimati"), ZoneId.of("America/St_Johns"), ZoneId.of("UTC"),
                ZoneOffset.ofHours(-3), ZoneOffset.ofHoursMinutes(5, 45));
    }

    /** The month and offset of random instants, asked in a random order against one shared calendar per zone. */
    @Property(tries = 300)
    void theMonthAndOffsetOfAnyInstantAreTheZoneRules(
            @ForAll("zones") ZoneId zone,
            @ForAll @Size(min = 1, max = 60) List<@LongRange(min = FROM, max = TO) Long> instants) {
        for (long s : instants) assertSame(zone, s);
    }

    /** Instants within a day of a transition of the zone (or of a month end), either side, the second before and after. */
    @Property(tries = 1000)
    void aroundTransitionsAndMonthEnds(@ForAll("zones") ZoneId zone, @ForAll @LongRange(min = FROM, max = TO) long near,
                                      @ForAll @IntRange(min = -86_400, max = 86_400) int nudge, @ForAll boolean monthEnd) {
        ZoneRules rules = zone.getRules();
        long edge;
        if (monthEnd) {
            YearMonth m = YearMonth.from(Instant.ofEpochSecond(near).atZone(zone));
            edge = m.plusMonths(1).atDay(1).atStartOfDay(zone).toEpochSecond();
        } else {
            ZoneOffsetTransition t = rules.nextTransition(Instant.ofEpochSecond(near));
            edge = t != null ? t.toEpochSecond() : near;
        }
        // the window of the instant a little away first, then the edge's neighbours: a wrong window would be reused
        assertSame(zone, edge + nudge);
        for (long d = -2; d <= 2; d++) assertSame(zone, edge + d);
        assertSame(zone, edge + nudge);
    }

    /** A lot's three instants in the zone are {@code OffsetDateTime.ofInstant}'s, nanoseconds included. */
    @Property(tries = 500)
    void aLotsInstantsAreTheZonesOffsetDateTimes(@ForAll("zones") ZoneId zone, @ForAll @LongRange(min = FROM, max = TO) long earned,
                                                @ForAll @IntRange(min = 0, max = 999_999_999) int nanos,
                                                @ForAll @IntRange(min = 0, max = 40) int pendingDays) {
        Instant e = Instant.ofEpochSecond(earned, nanos);
        Instant a = e.plusSeconds(pendingDays * 86_400L);
        Instant x = e.atZone(zone).plusMonths(24).toInstant();
        PointsLot lot = LoyaltyProcessor.pointsLot(new PointsLotState("L1", "M1", "T1", 7, 5, e, a, x, false), zone);
        assertThat(lot.earnedAt()).isEqualTo(OffsetDateTime.ofInstant(e, zone));
        assertThat(lot.availableAt()).isEqualTo(OffsetDateTime.ofInstant(a, zone));
        assertThat(lot.expiresAt()).isEqualTo(OffsetDateTime.ofInstant(x, zone));
    }

    /** Every second of a day with a change at midnight and the days around it, in order: each window's ends. */
    @Property(tries = 6)
    void everyMinuteAroundAMidnightChange(@ForAll("midnightChanges") long change) {
        ZoneId zone = ZoneId.of("America/Sao_Paulo");
        List<Long> order = new ArrayList<>();
        for (long s = change - 2 * 86_400L; s <= change + 2 * 86_400L; s += 60) order.add(s);
        for (long s : order) assertSame(zone, s);
        for (int i = order.size() - 1; i >= 0; i--) assertSame(zone, order.get(i));
    }

    @Provide
    Arbitrary<Long> midnightChanges() {
        // Sao Paulo's daylight saving began and ended at local midnight (a missing or a repeated hour at a day's start)
        List<Long> changes = new ArrayList<>();
        for (ZoneOffsetTransition t : ZoneId.of("America/Sao_Paulo").getRules().getTransitions()) {
            if (t.getDateTimeBefore().getYear() >= 2008 && t.getDateTimeBefore().toLocalTime().equals(java.time.LocalTime.MIDNIGHT)) {
                changes.add(t.toEpochSecond());
            }
        }
        assertThat(changes).isNotEmpty();
        return Arbitraries.of(changes);
    }

    private static void assertSame(ZoneId zone, long epochSecond) {
        Instant at = Instant.ofEpochSecond(epochSecond);
        YearMonth expected = YearMonth.from(at.atZone(zone));
        int index = Points.monthIndex(OffsetDateTime.ofInstant(at, ZoneOffset.UTC), zone);
        assertThat(index).as("month of %s in %s", at, zone).isEqualTo(expected.getYear() * 12 + expected.getMonthValue() - 1);
        assertThat(index).isEqualTo(Points.monthIndex(epochSecond, zone.getRules()));
        if (!zone.getRules().isFixedOffset()) {
            assertThat(ZoneCalendar.of(zone.getRules()).offset(epochSecond)).as("offset at %s in %s", at, zone)
                    .isEqualTo(zone.getRules().getOffset(at));
        }
    }
}
