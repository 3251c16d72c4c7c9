package io.regla.kafka;

import io.regla.rules.loyalty.Member;
import io.regla.rules.loyalty.MemberStatus;
import io.regla.rules.loyalty.Tier;
import io.regla.rules.loyalty.ledger.EntryKind;
import io.regla.rules.loyalty.ledger.LedgerEntry;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import static io.regla.kafka.LoyaltyTopologyTest.purchase;
import static io.regla.kafka.LoyaltyTopologyTest.refund;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Purchases and decided marks are kept for the retention (event time behind what is decided), then pruned. */
class RetentionTest {

    static final OffsetDateTime DAY_0 = OffsetDateTime.parse("2025-07-01T10:00:00-03:00");

    @TempDir
    Path state;

    @Test
    void purchasesAndDecidedMarksOlderThanTheRetentionArePrunedAndTheRestIsKept() {
        LoyaltyTopology.Settings settings = LoyaltyTopology.Settings.defaults().withGrace(Duration.ofHours(1))
                .withRetention(Duration.ofDays(30));
        try (TopologyHarness h = new TopologyHarness(TopologyHarness.ENGINE, settings, state, StreamsConfig.EXACTLY_ONCE_V2)) {
            h.member(new Member("M1", Tier.CLASSIC, MemberStatus.ACTIVE, LocalDate.of(2021, 1, 10)));
            KeyValueStore<String, String> purchases = h.driver.getKeyValueStore(LoyaltyTopology.PURCHASES_STORE);
            KeyValueStore<String, String> decided = h.driver.getKeyValueStore(LoyaltyTopology.DECIDED_STORE);
            KeyValueStore<String, String> index = h.driver.getKeyValueStore(LoyaltyTopology.EXPIRY_STORE);
            h.send(purchase("OLD", DAY_0));
            h.send(purchase("MID", DAY_0.plusDays(20)));
            h.idle();
            assertThat(purchases.get("OLD")).isNotNull();
            assertThat(count(index)).isEqualTo(4); // two purchases, two decided marks

            // decided up to day 35: OLD (day 0) is more than 30 days behind, MID (day 20) is not
            h.send(purchase("NEW", DAY_0.plusDays(35)));
            h.idle();
            assertThat(purchases.get("OLD")).isNull();
            assertThat(decided.get("TRANSACTION:OLD")).isNull();
            assertThat(purchases.get("MID")).isNotNull();
            assertThat(decided.get("TRANSACTION:MID")).isNotNull();
            assertThat(purchases.get("NEW")).isNotNull();
            assertThat(count(index)).isEqualTo(4);
            assertThat(h.driver.<String, String>getKeyValueStore(LoyaltyTopology.LEDGER_STORE).get("M1"))
                    .as("the ledger keeps every entry").contains("ACCRUAL:OLD");
            h.readEntries();

            // a refund of a kept purchase reverses; one of a pruned purchase finds none (the documented limit)
            h.send(refund("F-MID", "MID", "5000", DAY_0.plusDays(36)));
            h.send(refund("F-OLD", "OLD", "5000", DAY_0.plusDays(36)));
            // a replay of a pruned event is no longer recognised as decided: it is too late, never decided twice
            h.send(purchase("OLD", DAY_0));
            h.idle();
            assertThat(h.readEntries()).extracting(LedgerEntry::kind, LedgerEntry::sourceId)
                    .containsExactly(tuple(EntryKind.REVERSAL, "F-MID"));
            assertThat(h.read(h.rejections)).extracting(r -> r.get("code"), r -> r.get("command"))
                    .containsExactly(tuple("UNKNOWN_TRANSACTION", "Refund F-OLD"));
            assertThat(h.read(h.deadLetters)).extracting(r -> (String) r.get("reason"))
                    .singleElement().asString().startsWith("too late: event time 2025-07-01T13:00:00Z");
        }
    }

    @Test
    void theDefaultRetentionOutlivesEveryLotOfEveryLoyaltyVersion() throws Exception {
        // the rules take refunds at any age; a purchase is kept at least while its lot can hold points:
        // pendingDays + expiryMonths of each version's accrual-terms.csv (a version that extends inherits it)
        long longestDays = 0;
        for (var v : TopologyHarness.ENGINE.registry().versions(io.regla.rules.loyalty.LoyaltyProcessor.RULE_SET)) {
            var in = getClass().getClassLoader().getResourceAsStream("rules/loyalty/" + v.version() + "/accrual-terms.csv");
            if (in == null) continue;
            try (in) {
                String[] row = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().skip(1).findFirst().orElseThrow().split(",");
                longestDays = Math.max(longestDays, Long.parseLong(row[0].trim()) + 31L * Long.parseLong(row[1].trim()));
            }
        }
        assertThat(longestDays).isGreaterThanOrEqualTo(10 + 24 * 28);
        assertThat(LoyaltyTopology.Settings.defaults().retention()).isGreaterThanOrEqualTo(Duration.ofDays(longestDays));
        LoyaltyStreamCommand cli = new LoyaltyStreamCommand();
        new picocli.CommandLine(cli).parseArgs("--bootstrap-servers", "x:1");
        assertThat(cli.retention).isEqualTo(LoyaltyTopology.DEFAULT_RETENTION);
    }

    static long count(KeyValueStore<String, String> store) {
        long n = 0;
        try (var it = store.all()) {
            while (it.hasNext()) {
                it.next();
                n++;
            }
        }
        return n;
    }
}
