package io.regla.kafka;

import io.regla.api.ReloadReport;
import io.regla.api.RulesEngine;
import io.regla.core.Regla;
import io.regla.rules.loyalty.Member;
import io.regla.rules.loyalty.MemberStatus;
import io.regla.rules.loyalty.Tier;
import io.regla.rules.loyalty.ledger.LedgerEntry;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.regla.kafka.LoyaltyTopologyTest.purchase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * A loyalty version dropped into the watched rules folder of a running topology is picked up by the engine's
 * reload (no restart), and the events after its effective date that are decided from then on use it.
 */
class RulesReloadTest {

    /** The released loyalty versions, as the rules module keeps them. */
    static final Path LOYALTY = Path.of("../../rules/loyalty/loyalty");
    static final OffsetDateTime JULY_1 = OffsetDateTime.parse("2025-07-01T10:00:00-03:00");

    @TempDir
    Path dir;

    @Test
    void aVersionDroppedIntoTheRulesFolderDecidesTheEventsAfterItsDateWithoutARestart() throws Exception {
        Path rules = dir.resolve("rules");
        copy(LOYALTY.resolve("1.0.0"), rules.resolve("loyalty/1.0.0"));
        BlockingQueue<ReloadReport> reloads = new LinkedBlockingQueue<>();
        try (RulesEngine engine = Regla.builder().rulesDirectory(rules).watch(true).build();
             TopologyHarness h = new TopologyHarness(engine, LoyaltyTopology.Settings.defaults().withGrace(Duration.ofHours(1)),
                     dir.resolve("state"), StreamsConfig.EXACTLY_ONCE_V2)) {
            engine.registry().onReload(reloads::add);
            h.member(new Member("M1", Tier.CLASSIC, MemberStatus.ACTIVE, LocalDate.of(2021, 1, 10)));
            // only 1.0.0 deployed: a July purchase earns its 1.5 supermarket rate
            h.send(purchase("T1", JULY_1));
            h.idle();
            assertThat(h.readEntries()).extracting(LedgerEntry::sourceId, LedgerEntry::points).containsExactly(tuple("T1", 150L));

            // T2 waits in the grace buffer while 1.1.0 (effective 2025-07-01, supermarket 2x) is rolled out
            h.send(purchase("T2", JULY_1.plusDays(1)));
            copy(LOYALTY.resolve("1.1.0"), rules.resolve("loyalty/1.1.0"));
            // the staging folder is never read (a dot folder); the watcher's events, or its rescan, see the rename
            ReloadReport report = reloads.poll(60, TimeUnit.SECONDS);
            assertThat(report).as("the watcher reloaded the folder").isNotNull();
            assertThat(report.added()).extracting(v -> v.version().toString()).containsExactly("1.1.0");
            assertThat(report.failed()).isEmpty();

            h.send(purchase("T3", JULY_1.plusDays(2)));
            h.idle();
            assertThat(h.readEntries()).extracting(LedgerEntry::sourceId, LedgerEntry::points)
                    .containsExactly(tuple("T2", 200L), tuple("T3", 200L));
            assertThat(h.deadLetters.isEmpty()).isTrue();
        }
    }

    @Test
    void eventsBeforeTheNewVersionsDateKeepTheOldOneAfterTheReload() throws Exception {
        Path rules = dir.resolve("rules");
        copy(LOYALTY.resolve("1.0.0"), rules.resolve("loyalty/1.0.0"));
        try (RulesEngine engine = Regla.builder().rulesDirectory(rules).build();
             TopologyHarness h = new TopologyHarness(engine, LoyaltyTopology.Settings.defaults().withGrace(Duration.ofHours(1)),
                     dir.resolve("state"), StreamsConfig.EXACTLY_ONCE_V2)) {
            h.member(new Member("M1", Tier.CLASSIC, MemberStatus.ACTIVE, LocalDate.of(2021, 1, 10)));
            copy(LOYALTY.resolve("1.1.0"), rules.resolve("loyalty/1.1.0"));
            assertThat(engine.registry().reload().added()).hasSize(1); // the reload the watcher runs, called directly
            h.send(purchase("JUNE", JULY_1.minusDays(1)));
            h.send(purchase("JULY", JULY_1));
            h.idle();
            assertThat(h.readEntries()).extracting(LedgerEntry::sourceId, LedgerEntry::points)
                    .containsExactly(tuple("JUNE", 150L), tuple("JULY", 200L));
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        // into a sibling first, then one rename: the watcher never sees half a version
        Path staging = to.resolveSibling("." + to.getFileName() + ".tmp");
        Files.createDirectories(staging);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) Files.copy(f, staging.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.move(staging, to, StandardCopyOption.ATOMIC_MOVE);
    }
}
