package io.regla.rules.loyalty;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The monthly cap's arithmetic compares months as numbers instead of strings (it runs for every pending purchase
 * each time a member's accruals change): it must count exactly the lots {@link Points#month} puts in the month,
 * in zones with and without daylight saving, around month ends and transitions.
 */
class PointsMonthProperties {

    @Provide
    Arbitrary<ZoneId> zones() {
        return Arbitraries.of(ZoneId.of("America/Argentina/Buenos_Aires"), ZoneId.of("Europe/Madrid"), ZoneId.of("America/Santiago"),
                ZoneId.of("Pacific/Apia"), ZoneId.of("UTC"), ZoneOffset.ofHours(-3), ZoneOffset.ofHoursMinutes(5, 45));
    }

    @Provide
    Arbitrary<ZoneOffset> offsets() {
        return Arbitraries.integers().between(-18 * 3600 / 900, 18 * 3600 / 900).map(q -> ZoneOffset.ofTotalSeconds(q * 900));
    }

    /** 1990 to 2040, biased to the last hours of a month by the generator's edge cases of the seconds. */
    @Property(tries = 2000)
    void aLotCountsInTheMonthItsEarnedAtPrints(@ForAll @LongRange(min = 631_152_000L, max = 2_208_988_800L) long epochSecond,
                                               @ForAll @IntRange(min = -2, max = 2) int monthsFromLot,
                                               @ForAll @IntRange(min = -7200, max = 7200) int nudge,
                                               @ForAll("zones") ZoneId zone, @ForAll("offsets") ZoneOffset written) {
        // the lot's instant, sometimes moved to within two hours of its month's end in the zone
        OffsetDateTime earned = OffsetDateTime.ofInstant(Instant.ofEpochSecond(epochSecond), written);
        if (nudge % 3 == 0) {
            Instant monthEnd = java.time.YearMonth.from(earned.atZoneSameInstant(zone)).plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
            earned = OffsetDateTime.ofInstant(monthEnd.plusSeconds(nudge), written);
        }
        String lotMonth = Points.month(earned, zone);
        String asked = java.time.YearMonth.parse(lotMonth).plusMonths(monthsFromLot).toString();
        List<PointsLot> lots = new ArrayList<>();
        lots.add(new PointsLot("L1", "M1", "T1", 7, 7, earned, earned, earned.plusMonths(24)));
        long used = Points.usedInMonth(lots, List.of(new Accrual("T2", "M1", asked, 5)), asked, zone);
        assertThat(used).isEqualTo((lotMonth.equals(asked) ? 7 : 0) + 5);
    }

    @Property(tries = 200)
    void accrualsCountByTheirMonthString(@ForAll @IntRange(min = 0, max = 30) int granted, @ForAll("zones") ZoneId zone) {
        List<Accrual> accruals = List.of(new Accrual("T1", "M1", "2025-03", granted), new Accrual("T2", "M1", "2025-04", 11));
        assertThat(Points.usedInMonth(List.of(), accruals, "2025-03", zone)).isEqualTo(granted);
    }
}
