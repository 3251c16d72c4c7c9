package io.regla.rules.loyalty.migration;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code --order time}: what a core-banking CRM exports. members.csv as in member order; the other files each in time
 * order with ids a bank's numbering would give (time-derived, not the member's), unique but for the injected
 * duplicates, which come after their original; the same seed writes the same bytes however many runs the merge had.
 */
class TimeOrderedExportProperties {

    private static final Map<LegacyFile, Pattern> IDS = Map.of(LegacyFile.TRANSACTIONS, Pattern.compile("T\\d{13}\\d{9}"),
            LegacyFile.REFUNDS, Pattern.compile("R\\d{13}\\d{9}"), LegacyFile.REDEMPTIONS, Pattern.compile("D\\d{13}\\d{9}"));

    @Property(tries = 15)
    void eachFileIsInTimeAndIdOrderWithTimeDerivedIdsUniqueButForTheInjectedDuplicates(
            @ForAll @IntRange(min = 1, max = 300) int members, @ForAll @IntRange(min = 0, max = 3_000) int transactions,
            @ForAll @LongRange(min = 1, max = 1_000_000) long seed, @ForAll boolean faults, @ForAll @IntRange(min = 1, max = 400) int runRows)
            throws IOException {
        Path dir = Files.createTempDirectory("regla-time-order");
        try {
            ExportGenerator.Result r = new ExportGenerator(ExportGenerator.DEFAULT_CUTOVER, runRows)
                    .generate(dir, members, transactions, seed, faults, ExportGenerator.Order.TIME);
            long repeated = 0;
            Set<String> transactionIds = new HashSet<>();
            for (LegacyFile f : List.of(LegacyFile.TRANSACTIONS, LegacyFile.REFUNDS, LegacyFile.REDEMPTIONS)) {
                List<String[]> rows = rows(dir, f);
                assertThat((long) rows.size()).as(f.fileName()).isEqualTo(r.legacy().getOrDefault(f.key(), 0L));
                Set<String> ids = new HashSet<>();
                String previousId = "";
                Instant previousAt = Instant.MIN;
                Map<String, String> firstAt = new HashMap<>();
                for (String[] row : rows) {
                    String id = row[0];
                    assertThat(id).as(f.fileName()).matches(IDS.get(f));
                    assertThat(id.compareTo(previousId)).as("%s: %s after %s", f.fileName(), id, previousId).isGreaterThanOrEqualTo(0);
                    previousId = id;
                    Instant at = instant(row[2]);
                    long idMillis = Long.parseLong(id.substring(1, 14));
                    if (at != null) {
                        // the id carries the row's instant, so id order is time order
                        assertThat(at.toEpochMilli()).as("%s %s", f.fileName(), id).isEqualTo(idMillis);
                        assertThat(at).as("%s: %s", f.fileName(), id).isAfterOrEqualTo(previousAt);
                        previousAt = at;
                    }
                    if (!ids.add(id)) {
                        repeated++;
                        // a repeated id sits right after its original, at the same instant
                        assertThat(row[2]).isEqualTo(firstAt.get(id));
                    } else {
                        firstAt.put(id, row[2]);
                    }
                }
                if (f == LegacyFile.TRANSACTIONS) transactionIds.addAll(ids);
                if (f == LegacyFile.REFUNDS) {
                    // a refund names its purchase's id as the export holds it (the orphan fault names one that is not there)
                    for (String[] row : rows) {
                        if (!row[1].equals("NO-SUCH-TX")) assertThat(transactionIds).as("refund %s", row[0]).contains(row[1]);
                    }
                }
            }
            List<String[]> memberRows = rows(dir, LegacyFile.MEMBERS);
            long repeatedMembers = memberRows.size() - memberRows.stream().map(m -> m[0]).distinct().count();
            assertThat(repeated + repeatedMembers).isEqualTo(r.expectedRejects().getOrDefault(Checks.DUPLICATE_KEY, 0L));
            try (Stream<Path> left = Files.list(dir)) {
                assertThat(left.map(p -> p.getFileName().toString())).as("no run files left behind")
                        .containsExactlyInAnyOrder("members.csv", "transactions.csv", "refunds.csv", "redemptions.csv");
            }
        } finally {
            delete(dir);
        }
    }

    @Property(tries = 10)
    void theSameSeedWritesTheSameBytesWhateverTheRunSize(@ForAll @IntRange(min = 1, max = 200) int members,
                                                        @ForAll @IntRange(min = 0, max = 2_000) int transactions,
                                                        @ForAll @LongRange(min = 1, max = 1_000_000) long seed, @ForAll boolean faults,
                                                        @ForAll @IntRange(min = 1, max = 300) int runRows) throws IOException {
        Path inMemory = Files.createTempDirectory("regla-time-order");
        Path merged = Files.createTempDirectory("regla-time-order");
        Path again = Files.createTempDirectory("regla-time-order");
        try {
            ExportGenerator.Result a = new ExportGenerator().generate(inMemory, members, transactions, seed, faults, ExportGenerator.Order.TIME);
            ExportGenerator.Result b = new ExportGenerator(ExportGenerator.DEFAULT_CUTOVER, runRows)
                    .generate(merged, members, transactions, seed, faults, ExportGenerator.Order.TIME);
            new ExportGenerator(ExportGenerator.DEFAULT_CUTOVER, runRows).generate(again, members, transactions, seed, faults, ExportGenerator.Order.TIME);
            assertThat(b).isEqualTo(a);
            for (LegacyFile f : LegacyFile.values()) {
                byte[] expected = Files.readAllBytes(inMemory.resolve(f.fileName()));
                assertThat(Files.readAllBytes(merged.resolve(f.fileName()))).as(f.fileName()).isEqualTo(expected);
                assertThat(Files.readAllBytes(again.resolve(f.fileName()))).as(f.fileName()).isEqualTo(expected);
            }
        } finally {
            delete(inMemory);
            delete(merged);
            delete(again);
        }
    }

    @Property(tries = 10)
    void eachMembersBalanceIsThePlainReplayOfItsTimeOrderedHistory(@ForAll @IntRange(min = 1, max = 60) int members,
                                                                  @ForAll @IntRange(min = 0, max = 2_000) int transactions,
                                                                  @ForAll @LongRange(min = 1, max = 1_000_000) long seed) throws IOException {
        Path dir = Files.createTempDirectory("regla-time-order");
        try {
            new ExportGenerator().generate(dir, members, transactions, seed, false, ExportGenerator.Order.TIME);
            PlainExportReplay history = PlainExportReplay.load(dir);
            PlainReplay rules = new PlainReplay(PlainRules.bundled());
            Map<String, Long> exported = new HashMap<>();
            for (String[] m : rows(dir, LegacyFile.MEMBERS)) exported.put(m[0], Long.parseLong(m[7]));
            assertThat(exported).hasSize(members);
            for (var m : history.members().values()) {
                long replayed = rules.replay(m, history.eventsByMember().getOrDefault(m.id(), List.of()),
                        ExportGenerator.DEFAULT_CUTOVER.toInstant()).balance();
                assertThat(exported.get(m.id())).as("member %s", m.id()).isEqualTo(replayed);
            }
        } finally {
            delete(dir);
        }
    }

    @Example
    void membersCsvIsTheSameInBothOrdersAndOnlyTheOtherFilesChange() throws IOException {
        Path byMember = Files.createTempDirectory("regla-member-order");
        Path byTime = Files.createTempDirectory("regla-time-order");
        try {
            new ExportGenerator().generate(byMember, 300, 3_000, 9, true);
            new ExportGenerator().generate(byTime, 300, 3_000, 9, true, ExportGenerator.Order.TIME);
            assertThat(Files.readAllBytes(byTime.resolve("members.csv"))).isEqualTo(Files.readAllBytes(byMember.resolve("members.csv")));
            // member order: grouped by member, ids prefixed by the member's; time order: neither
            assertThat(rows(byMember, LegacyFile.TRANSACTIONS).get(0)[0]).startsWith("M00000000-T");
            assertThat(rows(byTime, LegacyFile.TRANSACTIONS)).noneMatch(t -> t[0].startsWith("M"));
            List<String> memberOfEach = new ArrayList<>();
            for (String[] t : rows(byTime, LegacyFile.TRANSACTIONS)) memberOfEach.add(t[1]);
            assertThat(memberOfEach).isNotEqualTo(memberOfEach.stream().sorted().toList());
        } finally {
            delete(byMember);
            delete(byTime);
        }
    }

    @Example
    void orderIsMemberOrTime() {
        assertThat(ExportGenerator.Order.parse("time")).isEqualTo(ExportGenerator.Order.TIME);
        assertThat(ExportGenerator.Order.parse("MEMBER")).isEqualTo(ExportGenerator.Order.MEMBER);
        assertThatThrownBy(() -> ExportGenerator.Order.parse("date")).hasMessageContaining("'date' is not member or time");
    }

    private static Instant instant(String text) {
        try {
            return IsoTimes.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null; // the injected bad date
        }
    }

    private static List<String[]> rows(Path dir, LegacyFile f) throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve(f.fileName()), StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo(f.headerLine());
        return lines.subList(1, lines.size()).stream().map(Csv::parse).toList();
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
