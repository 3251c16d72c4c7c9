package io.regla.rules.loyalty.migration;

import io.regla.rules.loyalty.Member;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the generator's speed-ups rely on: a clean export's {@code points_balance} is, member by member, the plain-Java
 * rules' replay of the history the export holds (the generator replays each member once while it draws the
 * redemptions, not a second time), and member ids are formatted without {@code String.format}.
 */
class ExportGeneratorProperties {

    @Property(tries = 12)
    void eachMembersBalanceIsThePlainReplayOfItsExportedHistory(@ForAll @IntRange(min = 1, max = 60) int members,
                                                               @ForAll @IntRange(min = 0, max = 2_000) int transactions,
                                                               @ForAll @LongRange(min = 1, max = 1_000_000) long seed,
                                                               @ForAll @IntRange(min = 0, max = 30) int monthsLater) throws IOException {
        // a later cut-over spreads the history over more months, so that lots expire before it (none do by the default one)
        java.time.OffsetDateTime cutover = ExportGenerator.DEFAULT_CUTOVER.plusMonths(monthsLater);
        Path dir = Files.createTempDirectory("regla-generator");
        try {
            new ExportGenerator(cutover).generate(dir, members, transactions, seed, false);
            PlainExportReplay history = PlainExportReplay.load(dir);
            PlainReplay rules = new PlainReplay(PlainRules.bundled());
            Map<String, Long> exported = balances(dir);
            assertThat(exported).hasSize(members);
            for (Member m : history.members().values()) {
                long replayed = rules.replay(m, history.eventsByMember().getOrDefault(m.id(), List.of()), cutover.toInstant()).balance();
                assertThat(exported.get(m.id())).as("member %s", m.id()).isEqualTo(replayed);
            }
        } finally {
            for (LegacyFile f : LegacyFile.values()) Files.deleteIfExists(dir.resolve(f.fileName()));
            Files.deleteIfExists(dir);
        }
    }

    @Property
    void memberIdsAreZeroPaddedToEightDigits(@ForAll @LongRange(min = 0, max = 10_000_000_000L) long i) {
        assertThat(ExportGenerator.memberId(i)).isEqualTo(String.format("M%08d", i));
    }

    private static Map<String, Long> balances(Path dir) throws IOException {
        Map<String, Long> out = new HashMap<>();
        try (BufferedReader r = ExportFiles.open(dir, LegacyFile.MEMBERS)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] f = Csv.parse(line);
                out.put(f[0], Long.parseLong(f[7]));
            }
        }
        return out;
    }
}
