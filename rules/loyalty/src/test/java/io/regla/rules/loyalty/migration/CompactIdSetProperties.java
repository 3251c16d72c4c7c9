package io.regla.rules.loyalty.migration;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The load's members in memory ({@link CompactIdSet}) answer as a {@code HashSet<String>}: for any ids (empty, non-ASCII,
 * unpaired surrogates, long, differing in one char, the generator's) added and asked in any order, past several resizes.
 */
class CompactIdSetProperties {

    @Property(tries = 300)
    void answersAsAHashSet(@ForAll("ids") List<String> pool, @ForAll long seed, @ForAll @IntRange(min = 0, max = 6_000) int operations) {
        Random r = new Random(seed);
        List<String> ids = new ArrayList<>(pool);
        // ids differing from one of the pool's in one char (or one char longer or shorter)
        for (int i = 0, n = ids.size(); i < n && i < 40; i++) {
            String id = ids.get(r.nextInt(n));
            if (id.isEmpty()) continue;
            int at = r.nextInt(id.length());
            ids.add(id.substring(0, at) + (char) (id.charAt(at) + 1 + r.nextInt(3)) + id.substring(at + 1));
            ids.add(id + id.charAt(at));
            ids.add(id.substring(0, id.length() - 1));
        }
        CompactIdSet set = new CompactIdSet();
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < operations; i++) {
            // mostly adds of fresh generator ids, to grow past several resizes, among adds and lookups of the pool's
            String id = r.nextInt(3) == 0 ? ids.get(r.nextInt(ids.size())) : ExportGenerator.memberId(r.nextInt(1 + operations * 2));
            if (r.nextBoolean()) {
                assertThat(set.add(id)).as("add %s", id).isEqualTo(expected.add(id));
            } else {
                assertThat(set.contains(id)).as("contains %s", id).isEqualTo(expected.contains(id));
            }
        }
        assertThat(set.size()).isEqualTo(expected.size());
        for (String id : ids) assertThat(set.contains(id)).as("contains %s", id).isEqualTo(expected.contains(id));
        for (String id : expected) assertThat(set.contains(id)).as("contains %s", id).isTrue();
        set.trim();
        for (String id : ids) assertThat(set.contains(id)).as("after trim, contains %s", id).isEqualTo(expected.contains(id));
        for (String id : ids) assertThat(set.add(id)).as("after trim, add %s", id).isEqualTo(expected.add(id));
        assertThat(set.size()).isEqualTo(expected.size());
    }

    @Provide
    Arbitrary<List<String>> ids() {
        Arbitrary<String> any = Arbitraries.strings().all().ofMaxLength(20);
        Arbitrary<String> nonAscii = Arbitraries.strings().withCharRange('\u0080', '\u07FF').withCharRange('\u0800', '\uFFFF').ofMaxLength(12);
        Arbitrary<String> surrogates = Arbitraries.strings().withCharRange('\uD800', '\uDFFF').withChars('?', '\uFFFD').ofMaxLength(4);
        Arbitrary<String> longIds = Arbitraries.strings().withCharRange('0', '9').withChars('M', 'é').ofMinLength(100).ofMaxLength(400);
        Arbitrary<String> digits = Arbitraries.strings().withCharRange('0', '9').ofMaxLength(10);
        Arbitrary<String> generated = Arbitraries.longs().between(0, 10_000_000_000L).map(ExportGenerator::memberId);
        return Arbitraries.oneOf(any, nonAscii, surrogates, longIds, digits, generated, Arbitraries.just("")).list().ofMinSize(1).ofMaxSize(60);
    }
}
