package io.regla.kafka;

import io.regla.kafka.LoyaltyEvents.Kind;
import io.regla.kafka.SyntheticEvents.Sourced;
import io.regla.rules.loyalty.CardTransaction;
import io.regla.rules.loyalty.Member;
import io.regla.rules.loyalty.MemberStatus;
import io.regla.rules.loyalty.RedemptionRequest;
import io.regla.rules.loyalty.Refund;
import io.regla.rules.loyalty.Tier;
import io.regla.rules.loyalty.ledger.EntryKind;
import io.regla.rules.loyalty.ledger.LedgerEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class LoyaltyTopologyTest {

    static final OffsetDateTime JUNE_30_LAST_SECOND = OffsetDateTime.parse("2025-06-30T23:59:59-03:00");

    @TempDir
    Path state;
    TopologyHarness h;

    @BeforeEach
    void start() {
        h = new TopologyHarness(Duration.ofHours(1), state);
        h.member(new Member("M1", Tier.CLASSIC, MemberStatus.ACTIVE, LocalDate.of(2021, 1, 10)));
    }

    @AfterEach
    void stop() {
        h.close();
    }

    static Sourced purchase(String id, OffsetDateTime at) {
        return new Sourced(Kind.TRANSACTION, id, "M1", at,
                new CardTransaction(id, "M1", new BigDecimal("10000"), "ARS", "SUPERMARKET", "POS", "SM-1", at));
    }

    static Sourced refund(String id, String tx, String amount, OffsetDateTime at) {
        return new Sourced(Kind.REFUND, id, "M1", at, new Refund(id, tx, new BigDecimal(amount), at));
    }

    @Test
    void eachPurchaseIsAccruedByTheVersionEffectiveAtItsOwnTime() {
        h.send(purchase("T1", JUNE_30_LAST_SECOND));
        h.send(purchase("T2", JUNE_30_LAST_SECOND.plusSeconds(1)));
        assertThat(h.readEntries()).as("within grace: still buffered").isEmpty();
        h.idle();
        assertThat(h.readEntries()).extracting(LedgerEntry::kind, LedgerEntry::sourceId, LedgerEntry::points)
                .containsExactly(tuple(EntryKind.ACCRUAL, "T1", 150L), tuple(EntryKind.ACCRUAL, "T2", 200L));
    }

    @Test
    void eventsOutOfOrderWithinGraceAreDecidedInEventTimeOrder() {
        // the refund arrives first: decided on arrival it would find no purchase (UNKNOWN_TRANSACTION)
        h.send(refund("F1", "T1", "5000", JUNE_30_LAST_SECOND.minusMinutes(10)));
        h.send(purchase("T1", JUNE_30_LAST_SECOND.minusMinutes(40)));
        // a later event moves stream time past both by more than the grace period: they are released
        h.send(purchase("T9", JUNE_30_LAST_SECOND.plusHours(2)));
        h.tick();
        assertThat(h.readEntries()).extracting(LedgerEntry::kind, LedgerEntry::sourceId, LedgerEntry::points)
                .containsExactly(tuple(EntryKind.ACCRUAL, "T1", 150L), tuple(EntryKind.REVERSAL, "F1", -75L));
        assertThat(h.rejections.isEmpty()).isTrue();
        h.idle();
        assertThat(h.readEntries()).extracting(LedgerEntry::sourceId).containsExactly("T9");
    }

    @Test
    void anEventLaterThanTheGraceGoesToTheDeadLettersWithTheReason() {
        h.send(purchase("T1", JUNE_30_LAST_SECOND.minusHours(5)));
        h.send(purchase("T2", JUNE_30_LAST_SECOND));
        h.send(purchase("LATE", JUNE_30_LAST_SECOND.minusHours(3)));
        List<Map<String, Object>> dead = h.read(h.deadLetters);
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0)).containsEntry("topic", "loyalty.transactions");
        assertThat((String) dead.get(0).get("reason")).startsWith("too late: event time 2025-06-30T23:59:59Z");
        assertThat((String) dead.get(0).get("record")).contains("\"id\":\"LATE\"");
        h.idle();
        assertThat(h.readEntries()).extracting(LedgerEntry::sourceId).containsExactly("T1", "T2");
    }

    @Test
    void aReplayedRecordProducesItsPostingsAndRejectionsOnce() {
        Sourced t1 = purchase("T1", JUNE_30_LAST_SECOND);
        Sourced bad = refund("F1", "NO-SUCH", "10", JUNE_30_LAST_SECOND.plusMinutes(1));
        h.send(t1);
        h.send(t1); // redelivered while buffered
        h.send(bad);
        h.idle();
        h.send(t1); // replayed after it was decided
        h.send(bad);
        h.idle();
        assertThat(h.readEntries()).extracting(LedgerEntry::sourceId).containsExactly("T1");
        assertThat(h.read(h.rejections)).extracting(r -> r.get("code"), r -> r.get("memberId"))
                .containsExactly(tuple("UNKNOWN_TRANSACTION", "M1"));
        assertThat(h.deadLetters.isEmpty()).isTrue();
    }

    @Test
    void malformedRecordsGoToTheDeadLettersNamingWhatIsWrong() {
        h.transactions.pipeInput("M1", "{\"type\":\"GIFT\",\"id\":\"G1\",\"memberId\":\"M1\"}");
        h.transactions.pipeInput("M1", "{\"id\":\"T2\",\"memberId\":\"M1\",\"currency\":\"ARS\",\"at\":\"2025-07-01T10:00:00-03:00\"}");
        h.transactions.pipeInput("M2", purchase("T3", JUNE_30_LAST_SECOND).json());
        h.redemptions.pipeInput("M1", LoyaltyEvents.toJson(new RedemptionRequest("R1", "M1", 10, "X", OffsetDateTime.parse("2023-01-01T00:00:00Z")), "M1"));
        assertThat(h.read(h.deadLetters)).extracting(r -> (String) r.get("reason")).satisfiesExactly(
                r -> assertThat(r).startsWith("unknown type GIFT"),
                r -> assertThat(r).isEqualTo("field amount is missing"),
                r -> assertThat(r).isEqualTo("record key M2 is not the event's memberId M1"),
                r -> assertThat(r).startsWith("no loyalty version is effective at 2023-01-01"));
        h.idle();
        assertThat(h.entries.isEmpty()).isTrue();
    }

    @Test
    void theStoresHoldTheMembersLedgerAndPurchases() {
        h.send(purchase("T1", JUNE_30_LAST_SECOND));
        h.idle();
        assertThat(h.driver.<String, String>getKeyValueStore(LoyaltyTopology.LEDGER_STORE).get("M1")).contains("ACCRUAL:T1");
        assertThat(h.driver.<String, String>getKeyValueStore(LoyaltyTopology.PURCHASES_STORE).get("T1")).contains("\"memberId\":\"M1\"");
        assertThat(h.driver.<String, String>getKeyValueStore(LoyaltyTopology.BUFFER_STORE).approximateNumEntries()).isZero();
    }
}
