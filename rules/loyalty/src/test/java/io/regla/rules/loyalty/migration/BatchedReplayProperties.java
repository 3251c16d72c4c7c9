package io.regla.rules.loyalty.migration;

import io.regla.core.Regla;
import io.regla.core.decide.DroolsEngine;
import io.regla.rules.loyalty.LoyaltyProcessor;
import io.regla.rules.loyalty.Member;
import io.regla.rules.loyalty.ledger.InMemoryLedger;
import io.regla.rules.loyalty.ledger.InMemoryPurchaseHistory;
import io.regla.rules.loyalty.ledger.LedgerEntry;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scale work's invariants: how events are grouped into engine calls (batch size, claims waiting for the
 * next batch, members replayed chunk by chunk) never changes a ledger. Replayed in batches of any size, or
 * a chunk of members at a time, a history ends with exactly the entries of one event per engine call, and
 * every member's balance is what the plain-Java rules give. The same holds on Drools' executable model.
 */
class BatchedReplayProperties {

    private static final DroolsEngine ENGINE = Regla.builder().rulesDirectory(Path.of("")).buildDrools();
    /** The same versions on Drools' executable model, as a faster replay may run them. */
    private static final DroolsEngine EXECUTABLE_MODEL = Regla.builder().rulesDirectory(Path.of("")).executableModel("loyalty").buildDrools();
    private static final Instant CUTOVER = ExportGenerator.DEFAULT_CUTOVER.toInstant();
    /** Only the released 1.0.0 and 1.1.0 (the folders above also hold their lean re-implementations, served by default). */
    private static final DroolsEngine RELEASED = Regla.builder().rulesDirectory(releasedOnly()).buildDrools();

    @AfterContainer
    static void close() {
        ENGINE.close();
        EXECUTABLE_MODEL.close();
        RELEASED.close();
    }

    private static Path releasedOnly() {
        try {
            Path root = Files.createTempDirectory("released-loyalty");
            for (String v : List.of("1.0.0", "1.1.0")) {
                Path to = Files.createDirectories(root.resolve("loyalty").resolve(v));
                try (var files = Files.list(Path.of("loyalty", v))) {
                    for (Path f : files.toList()) Files.copy(f, to.resolve(f.getFileName()));
                }
            }
            return root;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * The lean versions (1.0.1, 1.1.1: what the registry serves by default) replay any history into exactly the ledger
     * of the released 1.0.0 and 1.1.0 they re-implement, one event per call and in batches.
     */
    @Property(tries = 4)
    void leanVersionsReplayAsTheReleasedOnes(@ForAll @IntRange(min = 1, max = 10_000) int seed,
                                             @ForAll @IntRange(min = 2, max = 400) int batchSize) throws IOException {
        Path export = Files.createTempDirectory("lean-replay");
        new ExportGenerator().generate(export, 40, 600, seed, false);
        PlainExportReplay history = PlainExportReplay.load(export);
        List<Object> all = new ArrayList<>();
        history.eventsByMember().values().forEach(all::addAll);
        all.sort(ExportGenerator.EVENT_ORDER);
        assertThat(ENGINE.registry().active("loyalty", CUTOVER).version().toString()).isEqualTo("1.1.1");
        assertThat(RELEASED.registry().active("loyalty", CUTOVER).version().toString()).isEqualTo("1.1.0");
        Map<String, List<String>> released = replay(RELEASED, history.members(), all, batchSize);
        assertThat(released).isNotEmpty();
        assertThat(replay(ENGINE, history.members(), all, batchSize)).isEqualTo(released);
        assertThat(replay(ENGINE, history.members(), all, 1)).isEqualTo(replay(RELEASED, history.members(), all, 1));
    }

    @Property(tries = 3)
    void batchesAndMemberChunksNeverChangeTheLedger(@ForAll @IntRange(min = 1, max = 10_000) int seed,
                                                    @ForAll @IntRange(min = 2, max = 400) int batchSize,
                                                    @ForAll @IntRange(min = 1, max = 25) int membersPerChunk) throws IOException {
        Path export = Files.createTempDirectory("batched-replay");
        new ExportGenerator().generate(export, 30, 300, seed, false);
        PlainExportReplay history = PlainExportReplay.load(export);
        List<Object> all = new ArrayList<>();
        history.eventsByMember().values().forEach(all::addAll);
        all.sort(ExportGenerator.EVENT_ORDER);

        Map<String, List<String>> oneByOne = replay(ENGINE, history.members(), all, 1);
        assertThat(replay(ENGINE, history.members(), all, batchSize)).isEqualTo(oneByOne);
        assertThat(replay(EXECUTABLE_MODEL, history.members(), all, batchSize)).as("on the executable model").isEqualTo(oneByOne);

        // a chunk of members at a time, as the migration does
        Map<String, List<String>> chunked = new TreeMap<>();
        List<String> ids = new ArrayList<>(new TreeMap<>(history.members()).keySet());
        for (int from = 0; from < ids.size(); from += membersPerChunk) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + membersPerChunk));
            List<Object> events = new ArrayList<>();
            chunk.forEach(id -> events.addAll(history.eventsByMember().getOrDefault(id, List.of())));
            events.sort(ExportGenerator.EVENT_ORDER);
            chunked.putAll(replay(ENGINE, history.members(), events, batchSize));
        }
        assertThat(chunked).isEqualTo(oneByOne);

        PlainReplay plain = new PlainReplay(PlainRules.bundled());
        for (Member m : history.members().values()) {
            long balance = oneByOne.getOrDefault(m.id(), List.of()).stream().mapToLong(e -> Long.parseLong(e.split("\\|")[5])).sum();
            assertThat(balance).as("member %s", m.id())
                    .isEqualTo(plain.replay(m, history.eventsByMember().getOrDefault(m.id(), List.of()), CUTOVER).balance());
        }
    }

    /** Each member's entries as text, but when they were recorded. */
    private static Map<String, List<String>> replay(DroolsEngine engine, Map<String, Member> members, List<Object> events,
                                                    int batchSize) {
        InMemoryLedger ledger = new InMemoryLedger(Clock.systemUTC());
        LoyaltyProcessor p = LoyaltyProcessor.builder(engine, ledger).purchases(new InMemoryPurchaseHistory()).batchSize(batchSize)
                .membersIn(ids -> {
                    Map<String, Member> found = new HashMap<>();
                    ids.forEach(id -> {
                        if (members.containsKey(id)) found.put(id, members.get(id));
                    });
                    return found;
                }).build();
        p.process(events);
        p.expire(CUTOVER);
        Map<String, List<String>> out = new TreeMap<>();
        ledger.entries().forEach((m, entries) -> {
            List<String> lines = new ArrayList<>();
            for (LedgerEntry e : entries) {
                lines.add(String.join("|", e.memberId(), String.valueOf(e.entryNo()), e.kind().name(), e.sourceId(), e.lotId(),
                        String.valueOf(e.points()), String.valueOf(e.occurredAt()), String.valueOf(e.availableAt()),
                        String.valueOf(e.expiresAt()), String.valueOf(e.note())));
            }
            if (!lines.isEmpty()) out.put(m, lines);
        });
        return out;
    }
}
