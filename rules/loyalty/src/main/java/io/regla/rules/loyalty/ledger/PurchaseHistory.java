package io.regla.rules.loyalty.ledger;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The purchases and accepted refunds the loyalty processor has seen, kept by the ledger's store so a
 * refund decided in a later run than its purchase finds it, and refunds of one purchase add up across runs.
 * Read in one query per batch: a processor's memory is bounded by its batch, not by history. It holds the ledger's
 * own values ({@link PurchaseRecord}, {@link RefundRecord}), not the rules' facts: the processor maps them.
 */
public interface PurchaseHistory {

    /** The recorded purchases among these transaction ids (unknown ids are absent from the map). */
    Map<String, Purchase> purchases(Collection<String> transactionIds);

    /** Records purchases; idempotent by transaction id (the first recorded stays). */
    void recordPurchases(List<PurchaseRecord> transactions);

    /** Records accepted refunds; idempotent by refund id. */
    void recordRefunds(List<RefundRecord> refunds);
}
