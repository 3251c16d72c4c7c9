package io.regla.rules.quality.contract;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-written fast paths accept exactly what the regular expressions and java.time accept. */
class FastParsingProperties {

    @Provide
    Arbitrary<String> emailish() {
        return Arbitraries.strings().withChars("ab9._%+-'@-.xZ ").ofMinLength(0).ofMaxLength(14)
                .injectDuplicates(0.1).edgeCases(e -> e.add("a@b.cl").add("a@-b.cl").add("a@b-.cl").add("a@b.c1"));
    }

    @Property(tries = 1000)
    void emailMatchesTheRegex(@ForAll("emailish") String s) {
        assertThat(Format.email(s)).as(s).isEqualTo(Format.EMAIL_PATTERN.matcher(s).matches());
    }

    @Provide
    Arbitrary<String> uuidish() {
        return Arbitraries.strings().withChars("0123456789abcdefABCDEFg-").ofLength(36)
                .map(s -> s.substring(0, 8) + "-" + s.substring(9, 13) + "-" + s.substring(14, 18) + "-" + s.substring(19, 23) + "-" + s.substring(24))
                .injectDuplicates(0.01);
    }

    @Property(tries = 1000)
    void uuidMatchesTheRegex(@ForAll("uuidish") String s) {
        assertThat(Format.uuid(s)).isEqualTo(Format.UUID_PATTERN.matcher(s).matches());
        String broken = s.substring(0, 35);
        assertThat(Format.uuid(broken)).isEqualTo(Format.UUID_PATTERN.matcher(broken).matches());
    }

    @Provide
    Arbitrary<String> dateTimes() {
        Arbitrary<String> two = Arbitraries.integers().between(0, 99).map(i -> String.format("%02d", i));
        Arbitrary<String> year = Arbitraries.integers().between(1900, 2100).map(Object::toString);
        Arbitrary<String> fraction = Arbitraries.of("", ".5", ".123", ".123456789", ".1234567890", ".");
        Arbitrary<String> offset = Arbitraries.of("", "Z", "-03:00", "+05:30", "+5:30", "-03", "z");
        Arbitrary<String> seconds = Combinators.combine(two, fraction).as((s, f) -> ":" + s + f).injectNull(0.3);
        return Combinators.combine(year, two, two, Arbitraries.of("T", " ", "t"), two, two, seconds, offset)
                .as((y, m, d, t, h, mi, s, o) -> y + "-" + m + "-" + d + t + h + ":" + mi + (s == null ? "" : s) + o);
    }

    @Property(tries = 1000)
    void dateTimesParseLikeJavaTime(@ForAll("dateTimes") String s) {
        ZoneId zone = ZoneId.of("America/Sao_Paulo");
        Instant expected = null, actual = null;
        try {
            expected = IsoTime.slow(s, zone);
        } catch (RuntimeException e) {
            // not a date-time for java.time
        }
        try {
            actual = IsoTime.instant(s, zone);
        } catch (RuntimeException e) {
            // not a date-time for the fast path
        }
        assertThat(actual).as(s).isEqualTo(expected);
    }

    @Property(tries = 1000)
    void datesParseLikeJavaTime(@ForAll("dateTimes") String dt) {
        String s = dt.substring(0, 10);
        LocalDate expected = null, actual = null;
        try {
            expected = LocalDate.parse(s);
        } catch (RuntimeException e) {
            // invalid
        }
        try {
            actual = IsoTime.date(s);
        } catch (RuntimeException e) {
            // invalid
        }
        assertThat(actual).as(s).isEqualTo(expected);
    }
}
