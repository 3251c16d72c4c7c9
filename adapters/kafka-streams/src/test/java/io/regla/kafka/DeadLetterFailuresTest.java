package io.regla.kafka;

import io.regla.kafka.LoyaltyEvents.Kind;
import io.regla.kafka.SyntheticEvents.Sourced;
import io.regla.rules.loyalty.CardTransaction;
import io.regla.rules.loyalty.Member;
import io.regla.rules.loyalty.MemberStatus;
import io.regla.rules.loyalty.Tier;
import io.regla.rules.loyalty.ledger.EntryKind;
import io.regla.rules.loyalty.ledger.LedgerEntry;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static io.regla.kafka.LoyaltyTopologyTest.purchase;
import static io.regla.kafka.LoyaltyTopologyTest.refund;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Records that cannot be read or decided go to the dead letters with the reason, and the stream goes on. */
class DeadLetterFailuresTest {

    static final OffsetDateTime JULY_1 = OffsetDateTime.parse("2025-07-01T10:00:00-03:00");

    @TempDir
    Path state;

    TopologyHarness harness(String guarantee) {
        TopologyHarness h = new TopologyHarness(TopologyHarness.ENGINE,
                LoyaltyTopology.Settings.defaults().withGrace(Duration.ofHours(1)), state, guarantee);
        h.member(new Member("M1", Tier.CLASSIC, MemberStatus.ACTIVE, LocalDate.of(2021, 1, 10)));
        return h;
    }

    /** A purchase whose amount the rules cannot score (points overflow a long): the engine throws on it. */
    static Sourced unscorable(String id, OffsetDateTime at) {
        return new Sourced(Kind.TRANSACTION, id, "M1", at,
                new CardTransaction(id, "M1", new BigDecimal("1e30"), "ARS", "SUPERMARKET", "POS", "SM-1", at));
    }

    @Test
    void aPoisonPillGoesToTheDeadLettersThroughTheDeserializationHandlerAndTheStreamGoesOn() {
        try (TopologyHarness h = harness(StreamsConfig.AT_LEAST_ONCE)) {
            h.transactions.pipeInput("M1", "{\"id\": \"T1\", ");
            h.transactions.pipeInput("M1", "{\"id\": \"T1\"} {\"id\": \"T2\"}");
            h.send(purchase("T3", JULY_1));
            h.idle();
            List<Map<String, Object>> dead = h.read(h.deadLetters);
            assertThat(dead).extracting(d -> d.get("topic"), d -> d.get("partition"), d -> d.get("offset"), d -> d.get("record"))
                    .containsExactly(tuple("loyalty.transactions", 0, 0, "{\"id\": \"T1\", "),
                            tuple("loyalty.transactions", 0, 1, "{\"id\": \"T1\"} {\"id\": \"T2\"}"));
            assertThat((String) dead.get(0).get("reason")).startsWith("malformed JSON at line 1, column 14: Unexpected end-of-input");
            assertThat((String) dead.get(1).get("reason")).startsWith("malformed JSON at line 1, column").endsWith("more than one JSON value");
            assertThat(h.readEntries()).extracting(LedgerEntry::sourceId).containsExactly("T3");
        }
    }

    @Test
    void anEventTheEngineFailsOnGoesToTheDeadLettersAndTheRestOfItsBatchIsDecided() {
        try (TopologyHarness h = harness(StreamsConfig.EXACTLY_ONCE_V2)) {
            h.send(purchase("T1", JULY_1));
            h.send(unscorable("BOOM", JULY_1.plusMinutes(1)));
            h.send(refund("F1", "T1", "5000", JULY_1.plusMinutes(2)));
            h.send(purchase("T2", JULY_1.plusMinutes(3)));
            h.idle(); // one batch of four: the engine throws, the batch is decided again event by event
            assertThat(h.readEntries()).extracting(LedgerEntry::kind, LedgerEntry::sourceId, LedgerEntry::points)
                    .containsExactly(tuple(EntryKind.ACCRUAL, "T1", 200L), tuple(EntryKind.REVERSAL, "F1", -100L),
                            tuple(EntryKind.ACCRUAL, "T2", 200L));
            List<Map<String, Object>> dead = h.read(h.deadLetters);
            assertThat(dead).hasSize(1);
            assertThat(dead.get(0)).containsEntry("topic", "loyalty.transactions").containsEntry("partition", 0).containsEntry("offset", 1);
            assertThat((String) dead.get(0).get("reason")).startsWith("cannot be decided: ")
                    .contains("Rule \"accrue-points\"").contains("ArithmeticException: Overflow");
            assertThat((String) dead.get(0).get("record")).contains("\"id\":\"BOOM\"");
            assertThat(h.rejections.isEmpty()).isTrue();
            // the stream goes on: later events are decided, the failed one is not retried
            h.send(purchase("T3", JULY_1.plusHours(1)));
            h.send(unscorable("BOOM", JULY_1.plusMinutes(1)));
            h.idle();
            assertThat(h.readEntries()).extracting(LedgerEntry::sourceId).containsExactly("T3");
            assertThat(h.deadLetters.isEmpty()).isTrue();
        }
    }

    @Test
    void aPurchaseWithoutCategoryAccruesAsOtherAndAMemberInAnUnknownStateIsADeadLetter() {
        try (TopologyHarness h = harness(StreamsConfig.EXACTLY_ONCE_V2)) {
            h.members.pipeInput("M2", "{\"id\":\"M2\",\"tier\":\"GOLD\",\"status\":\"SUSPENDED\",\"enrolledOn\":\"2021-01-10\"}");
            h.transactions.pipeInput("M1", "{\"id\":\"T9\",\"memberId\":\"M1\",\"amount\":\"10000\",\"currency\":\"ARS\",\"at\":\"2025-07-01T10:00:00-03:00\"}");
            h.send(purchase("T1", JULY_1.plusMinutes(1)));
            h.idle();
            List<Map<String, Object>> dead = h.read(h.deadLetters);
            assertThat(dead).extracting(d -> d.get("topic")).containsExactly("loyalty.members");
            assertThat((String) dead.get(0).get("reason")).startsWith("malformed member JSON: ").contains("SUSPENDED");
            // no category is an unknown one: the rules accrue it as OTHER (it used to fail the batch's report)
            assertThat(h.readEntries()).extracting(LedgerEntry::sourceId).containsExactlyInAnyOrder("T9", "T1");
        }
    }

    @Test
    void aMemberWithoutTierIsADeadLetterNamingTheFieldNotAMemberWhosePurchasesAreLost() {
        try (TopologyHarness h = harness(StreamsConfig.EXACTLY_ONCE_V2)) {
            h.members.pipeInput("M2", "{\"id\":\"M2\",\"status\":\"ACTIVE\",\"enrolledOn\":\"2021-01-10\"}");
            h.send(purchase("T1", JULY_1));
            h.send(new Sourced(Kind.TRANSACTION, "T2", "M2", JULY_1, new CardTransaction("T2", "M2", new BigDecimal("10000"), "ARS",
                    "SUPERMARKET", "POS", "SM-1", JULY_1)));
            h.idle();
            List<Map<String, Object>> dead = h.read(h.deadLetters);
            assertThat(dead).extracting(d -> d.get("topic"), d -> d.get("offset")).containsExactly(tuple("loyalty.members", 1)); // M1 is 0
            assertThat((String) dead.get(0).get("reason")).isEqualTo("invalid member: Member M2: tier is required (one of [CLASSIC, GOLD, PLATINUM, BLACK])");
            assertThat(h.readEntries()).extracting(LedgerEntry::sourceId).containsExactly("T1");
            // M2's purchase is rejected as of an unknown member, not silently left without points nor rejection
            assertThat(h.read(h.rejections)).extracting(r -> r.get("code")).containsExactly("UNKNOWN_MEMBER");
        }
    }
}
