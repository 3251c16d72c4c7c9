package io.regla.rules.loyalty.migration;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The migration's fast paths give the JDK's and the general parser's results: {@link IsoTimes} against
 * {@code OffsetDateTime.parse}, {@code LocalDate.parse} and {@code ISO_OFFSET_DATE_TIME} (values and refusals), and {@link Csv#parse}'s
 * unquoted split against the quote-aware parser.
 */
class IsoTimesAndCsvProperties {

    @Property(tries = 2000)
    void formatIsTheIsoFormatterAndParseReadsItBack(@ForAll("times") OffsetDateTime t) {
        String text = IsoTimes.format(t);
        assertThat(text).isEqualTo(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t));
        assertThat(IsoTimes.parse(text)).isEqualTo(OffsetDateTime.parse(text)).isEqualTo(t);
        assertThat(IsoTimes.parse(t.toString())).isEqualTo(OffsetDateTime.parse(t.toString()));
    }

    /** A valid instant with one character replaced: the JDK's value, or the JDK's refusal. */
    @Property(tries = 3000)
    void aDamagedInstantParsesAsTheJdkParsesIt(@ForAll("times") OffsetDateTime t, @ForAll @IntRange(min = 0, max = 24) int at,
                                               @ForAll("damage") char c) {
        String ok = IsoTimes.format(t);
        String text = ok.substring(0, Math.min(at, ok.length())) + c + ok.substring(Math.min(at + 1, ok.length()));
        OffsetDateTime jdk;
        try {
            jdk = OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> IsoTimes.parse(text)).isInstanceOf(DateTimeParseException.class)
                    .hasMessage(e.getMessage());
            return;
        }
        assertThat(IsoTimes.parse(text)).isEqualTo(jdk);
    }

    /** A date, whole or with one character replaced: the JDK's value, or the JDK's refusal. */
    @Property(tries = 3000)
    void aDateParsesAsTheJdkParsesIt(@ForAll("times") OffsetDateTime t, @ForAll @IntRange(min = 0, max = 12) int at,
                                     @ForAll("damage") char c) {
        String ok = t.toLocalDate().toString();
        String text = at > 10 ? ok : ok.substring(0, Math.min(at, ok.length())) + c + ok.substring(Math.min(at + 1, ok.length()));
        java.time.LocalDate jdk;
        try {
            jdk = java.time.LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> IsoTimes.date(text)).isInstanceOf(DateTimeParseException.class)
                    .hasMessage(e.getMessage());
            return;
        }
        assertThat(IsoTimes.date(text)).isEqualTo(jdk);
    }

    @Property(tries = 2000)
    void csvSplitsAsTheQuoteAwareParser(@ForAll("fields") List<String> fields) {
        String line = Csv.line(fields.toArray());
        assertThat(Csv.parse(line)).containsExactly(Csv.parseQuoted(line));
        assertThat(Csv.parse(line)).containsExactly(fields.isEmpty() ? new String[]{""} : fields.toArray(new String[0]));
    }

    @Provide
    Arbitrary<OffsetDateTime> times() {
        Arbitrary<LocalDateTime> local = Arbitraries.longs().between(LocalDateTime.of(1, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC),
                LocalDateTime.of(9999, 12, 31, 23, 59, 59).toEpochSecond(ZoneOffset.UTC)).map(s -> LocalDateTime.ofEpochSecond(s, 0, ZoneOffset.UTC));
        Arbitrary<ZoneOffset> offset = Arbitraries.oneOf(Arbitraries.of(ZoneOffset.UTC, ZoneOffset.ofHours(-3)),
                Arbitraries.integers().between(-18 * 60, 18 * 60).map(m -> ZoneOffset.ofTotalSeconds(m * 60)),
                Arbitraries.integers().between(-3600, 3600).map(ZoneOffset::ofTotalSeconds));
        Arbitrary<Integer> nanos = Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.just(0), Arbitraries.integers().between(0, 999_999_999));
        return Combinators.combine(local, offset, nanos).as((l, o, n) -> OffsetDateTime.of(l.withNano(n), o));
    }

    @Provide
    Arbitrary<Character> damage() {
        return Arbitraries.of('0', '1', '2', '3', '5', '9', '-', '+', ':', 'T', 't', 'Z', 'z', ' ', '.', 'x');
    }

    @Provide
    Arbitrary<List<String>> fields() {
        return Arbitraries.strings().withChars("ab,\" 9-").ofMaxLength(6).list().ofMaxSize(9);
    }
}
