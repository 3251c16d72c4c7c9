package io.regla.store.tck;

import io.regla.rules.loyalty.ledger.Purchase;
import io.regla.rules.loyalty.ledger.PurchaseHistory;
import io.regla.rules.loyalty.ledger.PurchaseRecord;
import io.regla.rules.loyalty.ledger.RefundRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every loyalty purchase history must do (issue 11): a purchase recorded in one run is found in a later
 * one with every field, the first record of an id stays, refunds of one purchase add up across calls and are
 * idempotent by refund id, and many ids are answered in one call.
 */
public abstract class PurchaseHistoryContract {

    protected abstract PurchaseHistory history();

    private static final OffsetDateTime AT = OffsetDateTime.parse("2025-03-10T10:15:30-03:00");
    private String run;

    @BeforeEach
    void newRun() {
        run = UUID.randomUUID().toString().substring(0, 8) + "-";
    }

    private PurchaseRecord purchase(String id, String amount) {
        return new PurchaseRecord(run + id, run + "M1", new BigDecimal(amount), "ARS", "SUPERMARKET", "POS", "MERCH-7", AT);
    }

    @Test
    void aRecordedPurchaseIsFoundWithEveryFieldAndUnknownIdsAreAbsent() {
        PurchaseRecord t = purchase("T1", "1234.50");
        history().recordPurchases(List.of(t));
        Map<String, Purchase> found = history().purchases(List.of(run + "T1", run + "NOPE"));
        assertThat(found).containsOnlyKeys(run + "T1");
        PurchaseRecord back = found.get(run + "T1").transaction();
        assertThat(back.amount()).isEqualByComparingTo("1234.50");
        assertThat(back).usingRecursiveComparison().ignoringFields("amount").isEqualTo(t);
        assertThat(back.at().toInstant()).isEqualTo(AT.toInstant());
        assertThat(found.get(run + "T1").refunds()).isEmpty();
    }

    @Test
    void theFirstRecordOfAnIdStays() {
        history().recordPurchases(List.of(purchase("T1", "100")));
        history().recordPurchases(List.of(purchase("T1", "999"), purchase("T2", "50")));
        Map<String, Purchase> found = history().purchases(Set.of(run + "T1", run + "T2"));
        assertThat(found.get(run + "T1").transaction().amount()).isEqualByComparingTo("100");
        assertThat(found.get(run + "T2").transaction().amount()).isEqualByComparingTo("50");
    }

    @Test
    void refundsAddUpAcrossCallsAndAreIdempotentByRefundId() {
        history().recordPurchases(List.of(purchase("T1", "100")));
        history().recordRefunds(List.of(new RefundRecord(run + "F1", run + "T1", new BigDecimal("60"))));
        history().recordRefunds(List.of(new RefundRecord(run + "F1", run + "T1", new BigDecimal("60")),
                new RefundRecord(run + "F2", run + "T1", new BigDecimal("25.5"))));
        Purchase p = history().purchases(List.of(run + "T1")).get(run + "T1");
        assertThat(p.refunds()).containsOnlyKeys(run + "F1", run + "F2");
        assertThat(p.refundedBefore(run + "F3")).isEqualByComparingTo("85.5");
        // a refund decided again does not count itself
        assertThat(p.refundedBefore(run + "F2")).isEqualByComparingTo("60");
    }

    @Test
    void manyIdsAreAnsweredInOneCall() {
        List<PurchaseRecord> many = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            many.add(purchase("T" + i, String.valueOf(10 + i)));
            ids.add(run + "T" + i);
        }
        history().recordPurchases(many);
        Map<String, Purchase> found = history().purchases(ids);
        assertThat(found).hasSize(120);
        assertThat(found.get(run + "T119").transaction().amount()).isEqualByComparingTo("129");
    }
}
